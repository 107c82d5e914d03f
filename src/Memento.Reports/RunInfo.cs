using Memento.Core.Config;

namespace Memento.Reports;

/// <summary>The few facts a report title needs from a run's <c>config.yaml</c>.</summary>
public sealed record RunInfo(string Name, string Policy, string K)
{
    /// <summary>Reads the stored config as a plain tree rather than binding it: a report must still render for runs
    /// written by older or newer versions whose configs no longer validate.</summary>
    public static RunInfo Read(string runDir)
    {
        var path = Path.Combine(runDir, "config.yaml");
        if (!File.Exists(path)) return new RunInfo(Path.GetFileName(Path.TrimEndingDirectorySeparator(runDir)), "?", "?");
        var tree = YamlTree.LoadFile(path);
        var memory = tree.GetValueOrDefault("memory") as Dictionary<string, object?>;
        return new RunInfo(
            tree.GetValueOrDefault("name") as string ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(runDir)),
            memory?.GetValueOrDefault("policy") as string ?? "?",
            memory?.GetValueOrDefault("k") as string ?? "?");
    }
}
