using Memento.Core;
using Memento.Core.Results;

namespace Memento.Cli.Running;

/// <summary>A deterministic share of a sweep's grid: shard I of N (0-based, as Slurm's SLURM_ARRAY_TASK_ID with
/// --array=0-(N-1) and Kubernetes' JOB_COMPLETION_INDEX count) owns the grid points whose index modulo N is I.
/// A shard's folder records its shard (<see cref="SweepFolder.Shard"/>), so <c>--resume DIR</c> continues exactly
/// its points.</summary>
internal sealed record Shard(int Index, int Count)
{
    public static readonly Shard All = new(0, 1);

    public bool Owns(int pointIndex) => pointIndex % Count == Index;

    public override string ToString() => $"{Index}/{Count}";

    public static Shard Parse(string text) => TryParse(text) ??
        throw new MementoException($"--shard '{text}': expected I/N with 0 <= I < N, e.g. --shard 0/4");

    private static Shard? TryParse(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], out var i) && int.TryParse(parts[1], out var n) && n >= 1 && i >= 0 && i < n
            ? new Shard(i, n) : null;
    }

    /// <summary>The shard a sweep folder records, or null when it records none (an unsharded sweep, or a shard folder
    /// written before shards were recorded).</summary>
    public static Shard? RecordedIn(SweepFolder folder)
    {
        if (!File.Exists(folder.Shard)) return null;
        var text = File.ReadAllText(folder.Shard).Trim();
        return TryParse(text) ?? throw new MementoException($"{folder.Shard}: expected the shard as I/N (e.g. 1/4), found '{text}'");
    }

    /// <summary>Records a shard (not the whole grid) in its sweep folder.</summary>
    public void RecordIn(SweepFolder folder)
    {
        if (this != All) AtomicFile.WriteAllText(folder.Shard, ToString() + "\n");
    }

    /// <summary>The shard a command works on: the folder's own when it is resumed (a <c>--shard</c> given beside it must
    /// agree; a folder that records none takes the one given), else the one given, else the whole grid.</summary>
    public static Shard Resolve(string? given, string? resumedDir)
    {
        var shard = given is null ? null : Parse(given);
        if (resumedDir is null) return shard ?? All;
        var folder = new SweepFolder(resumedDir);
        var recorded = RecordedIn(folder);
        if (recorded is not null && shard is not null && shard != recorded)
            throw new MementoException($"--shard {shard}: {resumedDir} holds shard {recorded} of its sweep ({SweepFolder.ShardFile}); resume it without --shard");
        return recorded ?? shard ?? All;
    }
}
