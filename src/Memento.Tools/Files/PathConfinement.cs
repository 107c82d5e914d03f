namespace Memento.Tools.Files;

/// <summary>
/// Confines a model-given path to a <see cref="ToolScope"/>'s folders. Every component is resolved the way the
/// kernel would — <c>..</c> after the symlinks before it, each symlink to its final target — and only then is the
/// result checked against the (equally resolved) roots. Callers open the resolved path, never the given one.
/// </summary>
internal sealed class PathConfinement
{
    private const int MaxSymlinks = 40;
    private static readonly string[] SystemTrees = ["/proc", "/sys", "/dev"];
    private readonly IReadOnlyList<string> _roots;

    public PathConfinement(ToolScope scope)
    {
        // Roots need not exist yet (the workspace is made when code first runs); resolving works for missing paths.
        _roots = scope.Roots.Select(root => Resolve(Path.GetFullPath(root))).ToList();
        if (_roots.FirstOrDefault(r => r == "/" || SystemTrees.Any(s => Within(r, s))) is { } bad)
            throw new ArgumentException($"a tool scope folder may not be '/' or under /proc, /sys, /dev: {bad}");
    }

    /// <summary>The resolved path of <paramref name="requested"/> (relative: to the attachment folder if it exists there, else the workspace).</summary>
    public string Confine(string requested)
    {
        if (string.IsNullOrWhiteSpace(requested)) throw new FileRefusedException("path is empty");
        if (requested.Contains('\0')) throw new FileRefusedException("path contains a NUL character");
        if (_roots.Count == 0) throw new FileRefusedException("this task has no attachment folder or workspace");
        var candidates = Path.IsPathRooted(requested)
            ? [Resolve(requested)]
            : _roots.Select(root => Resolve(Path.Join(root, requested))).ToList();
        var inside = candidates.Where(c => _roots.Any(root => Within(c, root))).ToList();
        if (inside.Count == 0)
            throw new FileRefusedException($"'{requested}' is outside the task's attachment folder and workspace");
        return inside.FirstOrDefault(c => File.Exists(c) || Directory.Exists(c))
               ?? throw new FileRefusedException($"'{requested}' does not exist");
    }

    /// <summary>The roots (attachment folder first), resolved; paths shown to the model are relative to them.</summary>
    public IReadOnlyList<string> Roots => _roots;

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or lies beneath it (both absolute, resolved).</summary>
    internal static bool Within(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    /// <summary>realpath(3) for paths that may not exist yet: resolves <c>.</c>, <c>..</c> and symlinks component by component.</summary>
    private static string Resolve(string absolute)
    {
        var pending = new Stack<string>(absolute.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }
            var next = Path.Join(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxSymlinks) throw new FileRefusedException("too many levels of symbolic links");
            if (Path.IsPathRooted(target)) current = "/";
            foreach (var t in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(t);
        }
        return current;
    }
}
