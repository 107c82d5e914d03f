using Memento.Core.Results;

namespace Memento.Reports;

/// <summary>One run folder as the paper tables see it: its series label (the grid point without the seed), its
/// seed, the few config values the tables branch on, and its episodes.</summary>
public sealed record ResultPoint(
    string Folder, string Series, string Seed, string Policy, int? K, bool Frozen, string? SeedBank, int Attempts,
    IReadOnlyList<EpisodeRecord> Episodes)
{
    public string Dir => Folder;

    /// <summary>The last iteration: the tables report the state a run ends in, as the paper does.</summary>
    public int FinalIteration => Episodes.Count == 0 ? 0 : Episodes.Max(e => e.Iteration);

    public IEnumerable<EpisodeRecord> Final => Episodes.Where(e => e.Iteration == FinalIteration);

    /// <summary>The series label without its <c>k=…</c> part: the curve a K sweep draws.</summary>
    public string SeriesWithoutK
    {
        get
        {
            var parts = Series.Split(", ").Where(p => !p.StartsWith("k=", StringComparison.Ordinal)).ToList();
            return parts.Count == 0 ? $"policy={Policy}" : string.Join(", ", parts);
        }
    }
}
