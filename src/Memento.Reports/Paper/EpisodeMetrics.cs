using Memento.Core.Results;

namespace Memento.Reports;

/// <summary>The per-seed measurements the paper tables report, computed from episodes.csv rows.</summary>
internal static class EpisodeMetrics
{
    /// <summary>The paper's source order (Table 1), by data_source tag, with the names it prints.</summary>
    public static readonly (string Tag, string Name)[] PaperSources =
    [
        ("nq", "NQ"), ("tq", "TQ"), ("hotpotqa", "HotpotQA"), ("2wiki", "2Wiki"), ("musique", "MuSiQue"),
        ("Bamboogle", "Bamboogle"), ("popqa", "PopQA"),
    ];

    /// <summary>Sources present in the episodes: the paper's first in its order, any others after them alphabetically.</summary>
    public static IReadOnlyList<string> OrderedSources(IEnumerable<string> present)
    {
        var set = present.ToHashSet(StringComparer.Ordinal);
        return PaperSources.Select(p => p.Tag).Where(set.Contains)
            .Concat(set.Where(s => PaperSources.All(p => p.Tag != s)).Order(StringComparer.Ordinal)).ToList();
    }

    public static string DisplayName(string source) =>
        PaperSources.FirstOrDefault(p => p.Tag == source).Name ?? source;

    /// <summary>Mean F1 over the scored episodes; null when none was scored (never 0 over unscored ones).</summary>
    public static SeedCell.Measure? F1(IReadOnlyCollection<EpisodeRecord> episodes)
    {
        var scored = episodes.Where(e => e.IsScored).Select(e => e.F1 ?? 0).ToList();
        return scored.Count == 0 ? null : new SeedCell.Measure(100.0 * scored.Average(), null, scored.Count);
    }

    /// <summary>Accuracy (reward = 1) over the scored episodes; null when none was scored.</summary>
    public static SeedCell.Measure? Accuracy(IReadOnlyCollection<EpisodeRecord> episodes)
    {
        var scored = episodes.Where(e => e.IsScored).Select(e => e.Reward ?? 0).ToList();
        return scored.Count == 0 ? null : new SeedCell.Measure(100.0 * scored.Average(), scored.Sum(), scored.Count);
    }

    /// <summary>PM over the episodes the judge ruled on; null when none was judged (the run had no PM judge).</summary>
    public static SeedCell.Measure? Pm(IReadOnlyCollection<EpisodeRecord> episodes)
    {
        var judged = episodes.Where(e => e.IsScored && e.Pm is not null).Select(e => e.Pm!.Value ? 1 : 0).ToList();
        return judged.Count == 0 ? null : new SeedCell.Measure(100.0 * judged.Average(), judged.Sum(), judged.Count);
    }

    /// <summary>The plain mean over sources of one seed's per-source figures (each source counts once).</summary>
    public static SeedCell.Measure? PlainMean(IReadOnlyList<SeedCell.Measure?> perSource)
    {
        if (perSource.Count == 0 || perSource.Any(m => m is null)) return null;
        var ms = perSource.Select(m => m!.Value).ToList();
        int? correct = ms.All(m => m.Correct is not null) ? ms.Sum(m => m.Correct!.Value) : null;
        return new SeedCell.Measure(ms.Average(m => m.Pct), correct, ms.Sum(m => m.N));
    }
}
