using Memento.Core.Results;

namespace Memento.Reports;

/// <summary>One run folder as the paper tables see it: its series label (the grid point without the seed), its
/// seed, the few config values the tables branch on, and its episodes.</summary>
public sealed record ResultPoint(
    string Folder, string Series, string Seed, string Policy, int? K, bool Frozen, string? SeedBank, int Attempts,
    IReadOnlyList<EpisodeRecord> Episodes)
{
    private IReadOnlyList<EpisodeRecord>? _final;

    public string Dir => Folder;

    public RunFolder Run => new(Folder);

    /// <summary>The last iteration: the tables report the state a run ends in, as the paper does.</summary>
    public int FinalIteration => Final.Count == 0 ? 0 : Final[0].Iteration;

    /// <summary>The episodes of <see cref="FinalIteration"/>, selected once (every table cell reads them).</summary>
    public IReadOnlyList<EpisodeRecord> Final
    {
        get
        {
            if (_final is not null) return _final;
            var last = Episodes.Count == 0 ? 0 : Episodes.Max(e => e.Iteration);
            return _final = Episodes.Where(e => e.Iteration == last).ToList();
        }
    }

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
