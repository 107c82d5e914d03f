using Memento.Core.Results;

namespace Memento.Reports;

/// <summary>One run folder as the paper tables see it: its series label (the grid point without the seed), its
/// seed, the few config values the tables branch on, and its episodes.</summary>
public sealed record ResultPoint(
    string Folder, string Series, string Seed, string Policy, int? K, bool Frozen, string? SeedBank, int Attempts,
    IReadOnlyList<EpisodeRecord> Episodes)
{
    private IReadOnlyList<EpisodeRecord>? _final, _scored;
    private int? _finalIteration;
    private RunFacts? _facts;

    public string Dir => Folder;

    public RunFolder Run => new(Folder);

    /// <summary>The agent's kind and mode and the judge's kind from config.yaml, read once (several tables ask).</summary>
    internal RunFacts Facts => _facts ??= RunFacts.Read(Folder);

    /// <summary>The last iteration: the tables report the state a run ends in, as the paper does.</summary>
    public int FinalIteration => _finalIteration ??= Episodes.Count == 0 ? 0 : Episodes.Max(e => e.Iteration);

    /// <summary>The scored episodes, in log order: what every figure is computed from. An unscored episode (its agent
    /// or judge failed, or its gold answer is hidden) is in no denominator; the tables say how many there were.</summary>
    public IReadOnlyList<EpisodeRecord> Scored => _scored ??= Episodes.Where(e => e.IsScored).ToList();

    /// <summary>The scored episodes of <see cref="FinalIteration"/>, selected once (every table cell reads them).</summary>
    public IReadOnlyList<EpisodeRecord> Final => _final ??= Scored.Where(e => e.Iteration == FinalIteration).ToList();

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
