using System.Text.Json;
using System.Text.Json.Serialization;

namespace Memento.Core.Results;

/// <summary>
/// A run's or sweep's <c>run.json</c> (<see cref="RunFolder.Provenance"/>): the program and machine that wrote the
/// folder, the command that started it and how it ended. Written when the run starts and again when it ends, however
/// it ends. The field names are read by other tools (the HTML report): do not rename them.
/// </summary>
public sealed record Provenance
{
    [JsonPropertyName("memento_version")] public string? MementoVersion { get; init; }
    /// <summary>Commit of the memento source tree the CLI was built from; null when git or the tree is not available.</summary>
    [JsonPropertyName("git_commit")] public string? GitCommit { get; init; }
    /// <summary>True when tracked files differed from that commit; null when unknown.</summary>
    [JsonPropertyName("git_dirty")] public bool? GitDirty { get; init; }
    [JsonPropertyName("command_line")] public string CommandLine { get; init; } = "";
    [JsonPropertyName("sets")] public IReadOnlyList<string> Sets { get; init; } = [];
    [JsonPropertyName("started")] public DateTimeOffset Started { get; init; }
    [JsonPropertyName("ended")] public DateTimeOffset? Ended { get; init; }
    [JsonPropertyName("duration_s")] public double? DurationS { get; init; }
    [JsonPropertyName("host")] public string? Host { get; init; }
    [JsonPropertyName("os")] public string? Os { get; init; }
    [JsonPropertyName("dotnet_version")] public string? DotnetVersion { get; init; }
    [JsonPropertyName("torchsharp_version")] public string? TorchSharpVersion { get; init; }
    /// <summary>Episodes logged in the folder (a sweep: summed over its points).</summary>
    [JsonPropertyName("episodes")] public int Episodes { get; init; }
    /// <summary>running, finished, interrupted, failed or diverged (<see cref="RunStatus"/>).</summary>
    [JsonPropertyName("exit_status")] public string ExitStatus { get; init; } = RunStatus.Running;

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Options) + "\n");

    /// <summary>The folder's record, or null when it has none (written before run.json existed) or it cannot be read.</summary>
    public static Provenance? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<Provenance>(File.ReadAllText(path), Options) : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>"commit 3ef51a1 (dirty)", or "commit unknown".</summary>
    [JsonIgnore]
    public string CommitLabel => GitCommit is { Length: > 0 } c ? $"commit {c[..Math.Min(12, c.Length)]}{(GitDirty == true ? " (dirty)" : "")}" : "commit unknown";

    /// <summary>One line naming where a table came from: each folder and the memento commit(s) that wrote it (a sweep's
    /// points may come from several).</summary>
    public static string SourceLine(IEnumerable<string> dirs) =>
        "source: " + string.Join("; ", dirs.Select(dir => $"{dir}, {WrittenBy(dir)}"));

    /// <summary>"written by memento commit abc" for a run or sweep folder (its own record and its points').</summary>
    public static string WrittenBy(string dir)
    {
        var commits = Commits(dir);
        return $"written by memento {(commits.Count == 0 ? $"of unknown commit (no {RunFolder.ProvenanceFile})" : string.Join(" and ", commits))}";
    }

    /// <summary>The distinct <see cref="CommitLabel"/>s of a run or sweep folder's record and its points' records, in
    /// the order first seen; empty when none has a record.</summary>
    public static IReadOnlyList<string> Commits(string dir) =>
        new[] { dir }.Concat(Directory.Exists(dir) ? Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal) : [])
            .Select(d => Read(new RunFolder(d).Provenance)).OfType<Provenance>().Select(r => r.CommitLabel).Distinct().ToList();
}

/// <summary>The values of <see cref="Provenance.ExitStatus"/>.</summary>
public static class RunStatus
{
    public const string Running = "running";
    public const string Finished = "finished";
    public const string Interrupted = "interrupted";
    public const string Failed = "failed";
    public const string Diverged = "diverged";
}
