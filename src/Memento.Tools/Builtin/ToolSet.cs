namespace Memento.Tools.Builtin;

/// <summary>The built-in tools of one run (or one <c>memento tools serve</c>), in config order. Run-wide tools are made
/// once and shared by every episode; tools that take a <see cref="ToolScope"/> are made per scope. Disposing releases
/// the shared tools' connections and indexes.</summary>
public sealed class ToolSet : IDisposable
{
    private readonly IReadOnlyList<(BuiltinToolKind Kind, Func<ToolScope?, ITool> Make)> _kinds;
    private readonly Dictionary<string, ITool> _shared = new();

    internal ToolSet(IReadOnlyList<(BuiltinToolKind Kind, Func<ToolScope?, ITool> Make)> kinds)
    {
        _kinds = kinds;
        foreach (var (kind, make) in kinds)
            if (!kind.Scoped) _shared[kind.Name] = make(null);
    }

    /// <summary>Whether a tool needs an episode's scope (attachment folder, workspace).</summary>
    public bool NeedsScope => _kinds.Any(k => k.Kind.Scoped);

    /// <summary>The tools for one episode; scoped tools are left out when <paramref name="scope"/> is null.</summary>
    public IReadOnlyList<ITool> For(ToolScope? scope) => _kinds
        .Where(k => !k.Kind.Scoped || scope is not null)
        .Select(k => k.Kind.Scoped ? k.Make(scope) : _shared[k.Kind.Name])
        .ToList();

    public void Dispose()
    {
        foreach (var tool in _shared.Values) (tool as IDisposable)?.Dispose();
        _shared.Clear();
    }
}
