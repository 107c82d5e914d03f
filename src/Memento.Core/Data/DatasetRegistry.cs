using System.Globalization;
using Memento.Core.Config;

namespace Memento.Core.Data;

/// <summary>One downloadable dataset file: where it lives upstream, its SHA-256, and its path under a mirror (and
/// under <c>--to</c>, by default the repository's <c>datasets/</c>): the upstream repository's folder and file name.</summary>
public sealed record DatasetEntry(string Name, string Url, string Sha256, string RelativePath, int Rows, string Kind, string Licence, string Description);

/// <summary>A dataset that is known but not fetched (it is gated): asking for it prints <see cref="Note"/>.</summary>
public sealed record GatedDataset(string Name, string Note);

/// <summary>
/// The datasets <c>memento datasets fetch</c> knows, pinned to upstream commits and hashes, read from
/// <c>datasets/registry.yaml</c> (copied beside the CLI at build time). Strict: an unknown key, a missing
/// <c>url</c>, <c>sha256</c> or <c>path</c>, or a hash that is not 64 hex digits fails naming the file, the entry and the key.
/// </summary>
public sealed class DatasetRegistry
{
    private static readonly string[] EntryKeys = ["name", "url", "sha256", "path", "rows", "kind", "licence", "description"];
    private static readonly string[] GatedKeys = ["name", "note"];
    private static readonly string[] TopKeys = ["datasets", "gated"];

    private DatasetRegistry(string path, IReadOnlyList<DatasetEntry> entries, IReadOnlyList<GatedDataset> gated)
    {
        Path = path;
        Entries = entries;
        Gated = gated;
    }

    /// <summary>The registry shipped with the CLI: <c>datasets/registry.yaml</c> under the application folder.</summary>
    public static string DefaultPath => System.IO.Path.Combine(AppContext.BaseDirectory, "datasets", "registry.yaml");

    public string Path { get; }
    public IReadOnlyList<DatasetEntry> Entries { get; }
    public IReadOnlyList<GatedDataset> Gated { get; }

    public static DatasetRegistry Load(string? path = null)
    {
        path ??= DefaultPath;
        // Not MissingFile: it looks the path up in this registry, so a missing default registry would recurse forever.
        if (!File.Exists(path)) throw new MementoException($"dataset registry not found: {System.IO.Path.GetFullPath(path)}");
        var tree = YamlTree.Parse(File.ReadAllText(path), path);
        foreach (var key in tree.Keys.Where(k => !TopKeys.Contains(k)))
            throw new MementoException($"{path}: unknown key '{key}'; allowed: {string.Join(", ", TopKeys)}");
        var entries = Items(path, tree, "datasets").Select(item => Entry(path, item.Where, item.Map)).ToList();
        var gated = Items(path, tree, "gated").Select(item => Gate(path, item.Where, item.Map)).ToList();
        if (entries.Count == 0) throw new MementoException($"{path}: key 'datasets' lists no dataset");
        foreach (var name in entries.Select(e => e.Name).Concat(gated.Select(g => g.Name)).GroupBy(n => n, StringComparer.OrdinalIgnoreCase))
            if (name.Count() > 1) throw new MementoException($"{path}: entry '{name.Key}': key 'name' is used by more than one entry");
        return new DatasetRegistry(path, entries, gated);
    }

    /// <summary>The command that provides a missing file when its absolute path ends with an entry's path under some
    /// folder ROOT: <c>memento datasets fetch NAME</c>, plus <c>--to ROOT</c> unless ROOT is <c>datasets</c> under the
    /// current folder (fetch's default). Null when no entry matches or the shipped registry cannot be read.</summary>
    public static string? FetchCommandFor(string fullPath)
    {
        DatasetRegistry registry;
        try
        {
            registry = Load();
        }
        catch (Exception e) when (e is MementoException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
        foreach (var entry in registry.Entries)
        {
            var suffix = System.IO.Path.DirectorySeparatorChar + entry.RelativePath.Replace('/', System.IO.Path.DirectorySeparatorChar);
            if (!fullPath.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var root = fullPath[..^suffix.Length];
            return $"memento datasets fetch {entry.Name}" + (root == System.IO.Path.GetFullPath("datasets") ? ""
                : root.Any(char.IsWhiteSpace) ? $" --to '{root}'" : $" --to {root}");
        }
        return null;
    }

    public DatasetEntry Find(string name) =>
        Entries.FirstOrDefault(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw (Gated.FirstOrDefault(g => name.StartsWith(g.Name, StringComparison.OrdinalIgnoreCase)) is { } gated
            ? new MementoException("datasets: " + gated.Note)
            : new MementoException($"datasets: unknown dataset '{name}'; known: {string.Join(", ", Entries.Select(e => e.Name))}" +
                                   (Gated.Count > 0 ? $" ({string.Join(", ", Gated.Select(g => g.Name))} gated: see 'memento datasets list')" : "")));

    private static IEnumerable<(string Where, Dictionary<string, object?> Map)> Items(string path, Dictionary<string, object?> tree, string key)
    {
        var list = tree.GetValueOrDefault(key) switch
        {
            null => [],
            List<object?> l => l,
            _ => throw new MementoException($"{path}: key '{key}' must be a list of entries"),
        };
        for (var i = 0; i < list.Count; i++)
        {
            var where = $"{key}[{i}]";
            if (list[i] is not Dictionary<string, object?> map) throw new MementoException($"{path}: {where} must be a mapping of keys");
            if (map.GetValueOrDefault("name") is string name && name.Length > 0) where = $"'{name}'";
            yield return (where, map);
        }
    }

    private static DatasetEntry Entry(string path, string where, Dictionary<string, object?> map)
    {
        var read = Reader(path, where, map, EntryKeys);
        var sha = read("sha256", true)!;
        if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit))
            throw Problem(path, where, "sha256", $"'{sha}' is not a SHA-256 (64 hex digits)");
        var url = read("url", true)!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw Problem(path, where, "url", $"'{url}' is not an http(s) URL");
        var relative = read("path", true)!;
        // The path is joined under --to: it must stay beneath it.
        if (System.IO.Path.IsPathRooted(relative) || relative.Replace('\\', '/').Split('/').Contains(".."))
            throw Problem(path, where, "path", $"'{relative}' must be a relative path without '..'");
        var rowsText = read("rows", false) ?? "0";
        if (!int.TryParse(rowsText, NumberStyles.None, CultureInfo.InvariantCulture, out var rows))
            throw Problem(path, where, "rows", $"'{rowsText}' is not a non-negative integer");
        return new DatasetEntry(read("name", true)!, url, sha.ToLowerInvariant(), relative, rows,
            read("kind", false) ?? "", read("licence", false) ?? "", read("description", false) ?? "");
    }

    private static GatedDataset Gate(string path, string where, Dictionary<string, object?> map)
    {
        var read = Reader(path, where, map, GatedKeys);
        return new GatedDataset(read("name", true)!, read("note", true)!);
    }

    /// <summary>Checks the entry's keys and returns a reader of its string values.</summary>
    private static Func<string, bool, string?> Reader(string path, string where, Dictionary<string, object?> map, string[] allowed)
    {
        foreach (var key in map.Keys.Where(k => !allowed.Contains(k)))
            throw Problem(path, where, key, "unknown key; allowed: " + string.Join(", ", allowed));
        return (key, required) => map.GetValueOrDefault(key) switch
        {
            string s when s.Trim().Length > 0 => s.Trim(),
            null or string when !required => null,
            null or string => throw Problem(path, where, key, "missing; expected a value"),
            _ => throw Problem(path, where, key, "expected a single value, not a list or mapping"),
        };
    }

    private static MementoException Problem(string path, string where, string key, string problem) =>
        new($"{path}: entry {where}: key '{key}': {problem}");
}
