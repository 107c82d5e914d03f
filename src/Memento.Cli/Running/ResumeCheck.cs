using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Results;

namespace Memento.Cli.Running;

/// <summary>A resumed folder continues with the config it was started with: the config given on the command line
/// (with its --set overrides) must resolve to the same tree, or the resume is refused naming the first difference.
/// A key the folder's config.yaml lacks is accepted at its default: it was added to the program after the folder
/// was started, and its default is what that run did.</summary>
internal static class ResumeCheck
{
    public static void EnsureSameConfig(string folder, string givenYaml)
    {
        var recordedPath = new RunFolder(folder).Config;
        if (!Directory.Exists(folder)) throw MementoException.MissingFile(folder, "--resume folder");
        var recorded = YamlTree.LoadFile(recordedPath);
        var given = YamlTree.Parse(givenYaml, "config");
        var defaults = ConfigLoader.Keys(Plugins.All).ToDictionary(k => k.Path, k => k.Default);
        if (YamlTree.FirstDifference(recorded, given, absentFromA: (path, value) => defaults.TryGetValue(path, out var d) && Equals(value, d)) is { } key)
            throw new MementoException($"--resume {folder}: '{key}' differs from the folder's {RunFolder.ConfigFile} ({Describe(recorded, key)}); a resumed run keeps the config it started with");
    }

    private static string Describe(Dictionary<string, object?> tree, string dottedKey)
    {
        object? node = tree;
        foreach (var part in dottedKey.Split('.'))
            node = node is Dictionary<string, object?> map ? map.GetValueOrDefault(part) : null;
        return $"the folder has {(node is null or Dictionary<string, object?> or List<object?> ? "another value" : $"'{node}'")}";
    }
}
