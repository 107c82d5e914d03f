using System.Globalization;

namespace Memento.Core.Config;

/// <summary>One documented config key: its dotted path, default, accepted values, doc line, and the plug-in kind that
/// reads it (null for keys every config has).</summary>
public sealed record ConfigKey(string Path, string Default, string Expected, string Doc, string? Kind);

/// <summary>The keys a binding read, in reading order — the source of <c>memento config --keys</c>, so the list can
/// never drift from what the binder accepts.</summary>
public sealed class ConfigKeys
{
    private readonly List<ConfigKey> _keys = new();
    private string? _kind;

    public IReadOnlyList<ConfigKey> All => _keys;

    /// <summary>Marks the keys read until the result is disposed as belonging to one plug-in kind, e.g. <c>policy qnet</c>.</summary>
    public IDisposable OwnedBy(string kind)
    {
        var outer = _kind;
        _kind = kind;
        return new Restore(() => _kind = outer);
    }

    internal void Add(string path, object? defaultValue, string expected, string doc)
    {
        if (string.IsNullOrWhiteSpace(doc)) throw new ArgumentException($"config key {path} has no doc line", nameof(doc));
        if (_keys.All(k => k.Path != path)) _keys.Add(new ConfigKey(path, Format(defaultValue), expected, doc, _kind));
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> list => "[" + string.Join(", ", list) + "]",
        _ => value.ToString() ?? "",
    };

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
