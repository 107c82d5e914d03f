using Memento.Core;

namespace Memento.Cli.Running;

/// <summary>A deterministic share of a sweep's grid: shard I of N (0-based, as Slurm's SLURM_ARRAY_TASK_ID with
/// --array=0-(N-1) and Kubernetes' JOB_COMPLETION_INDEX count) owns the grid points whose index modulo N is I.</summary>
internal sealed record Shard(int Index, int Count)
{
    public static readonly Shard All = new(0, 1);

    public bool Owns(int pointIndex) => pointIndex % Count == Index;

    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out var i) && int.TryParse(parts[1], out var n) && n >= 1 && i >= 0 && i < n)
            return new Shard(i, n);
        throw new MementoException($"--shard '{text}': expected I/N with 0 <= I < N, e.g. --shard 0/4");
    }
}
