using Memento.Core.Plugins;

namespace Memento.Core.Config;

/// <summary>A validated config together with the resolved tree (every default filled in) that a run folder records,
/// and the catalog it was bound against (grid points are bound against the same one).</summary>
public sealed record LoadedConfig(ExperimentConfig Config, Dictionary<string, object?> Tree, string ResolvedYaml, PluginCatalog Catalog);

public static class ConfigLoader
{
    /// <summary>Reads a YAML file, applies <c>--set</c> overrides, and validates everything before any episode runs.</summary>
    public static LoadedConfig Load(PluginCatalog catalog, string path, IEnumerable<string>? overrides = null)
    {
        var tree = YamlTree.LoadFile(path);
        YamlTree.ApplyOverrides(tree, overrides ?? []);
        var loaded = FromTree(catalog, tree);
        foreach (var key in loaded.Config.Grid.Keys) FromTree(catalog, WithGridValue(tree, Assignments(key, loaded.Config.Grid[key][0])));
        return loaded;
    }

    public static LoadedConfig FromTree(PluginCatalog catalog, Dictionary<string, object?> tree)
    {
        var root = new ConfigNode("", YamlTree.DeepCopy(tree));
        var config = ExperimentConfigBinder.Bind(root, catalog);
        var resolved = root.ToResolvedTree();
        return new LoadedConfig(config, tree, YamlTree.Serialize(resolved), catalog);
    }

    /// <summary>Every key the binder reads, with default, accepted values and doc line: the keys of an empty config
    /// (every kind's settings are read whichever kind is selected) and the documented free-form ones.</summary>
    public static IReadOnlyList<ConfigKey> Keys(PluginCatalog catalog)
    {
        var root = new ConfigNode("", new Dictionary<string, object?>());
        ExperimentConfigBinder.Bind(root, catalog);
        return root.KeyList.All;
    }

    /// <summary>The grid's cross product, in a fixed order (keys as written, values as listed; last key varies fastest).
    /// Keys joined by <c>+</c> vary together: each of their values is a list with one value per key (the paper's
    /// ablation rungs set <c>agent.mode</c> and <c>memory.policy</c> at once).</summary>
    public static IReadOnlyList<GridPoint> Expand(LoadedConfig sweep)
    {
        var points = new List<GridPoint> { new([]) };
        foreach (var (key, values) in sweep.Config.Grid)
            points = points.SelectMany(p => values.Select(v => new GridPoint([.. p.Assignments, .. Assignments(key, v)]))).ToList();
        return points;
    }

    /// <summary>The key = value pairs one grid value sets: one, or one per key of a <c>+</c>-joined key.</summary>
    internal static IEnumerable<KeyValuePair<string, object?>> Assignments(string key, object? value) =>
        key.Contains('+') ? key.Split('+').Zip((List<object?>)value!, (k, v) => new KeyValuePair<string, object?>(k, v)) : [new(key, value)];

    /// <summary>The config of one grid point: the sweep's tree with the point's values set and the grid removed.</summary>
    public static LoadedConfig ForPoint(LoadedConfig sweep, GridPoint point)
    {
        var tree = YamlTree.DeepCopy(sweep.Tree);
        tree.Remove("grid");
        foreach (var (key, value) in point.Assignments) YamlTree.Set(tree, key, value);
        return FromTree(sweep.Catalog, tree);
    }

    private static Dictionary<string, object?> WithGridValue(Dictionary<string, object?> tree, IEnumerable<KeyValuePair<string, object?>> assignments)
    {
        var copy = YamlTree.DeepCopy(tree);
        copy.Remove("grid");
        foreach (var (key, value) in assignments) YamlTree.Set(copy, key, value);
        return copy;
    }
}

/// <summary>One point of a sweep grid: ordered key = value assignments.</summary>
public sealed record GridPoint(IReadOnlyList<KeyValuePair<string, object?>> Assignments)
{
    /// <summary>Folder name, e.g. <c>memory.policy-qnet_seed-2</c>.</summary>
    public string FolderName => Assignments.Count == 0
        ? "run"
        : string.Join("_", Assignments.Select(a => $"{a.Key}-{Sanitize(a.Value)}"));

    /// <summary>Label of the point without its seed: the series a learning curve averages over seeds.</summary>
    public string SeriesLabel => string.Join(", ", Assignments.Where(a => a.Key != "seed").Select(a => $"{Short(a.Key)}={Format(a.Value)}")) is { Length: > 0 } s ? s : "all";

    /// <summary>Every value of the point, seed included, e.g. <c>policy=qnet seed=2</c> (progress displays).</summary>
    public string Description => Assignments.Count == 0 ? "base config" : string.Join(" ", Assignments.Select(a => $"{Short(a.Key)}={Format(a.Value)}"));

    private static string Short(string key) => key.Split('.')[^1];

    private static string Sanitize(object? value) =>
        new string(Format(value).Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_').ToArray());

    /// <summary>A grid value as written in YAML flow style: lists and mappings by their contents, not their type.</summary>
    private static string Format(object? value) => value switch
    {
        null => "null",
        List<object?> list => "[" + string.Join(",", list.Select(Format)) + "]",
        Dictionary<string, object?> map => "{" + string.Join(",", map.Select(p => $"{p.Key}:{Format(p.Value)}")) + "}",
        _ => value.ToString() ?? "",
    };
}
