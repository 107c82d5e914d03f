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

    /// <summary>A benchmark whose groups the paper prints in a fixed order: DeepResearcher's sources (Table 1), HLE's
    /// categories (Table 5a), SimpleQA's topics (Table 5b).</summary>
    public sealed record GroupOrder(string Benchmark, string Group, string PaperTable, IReadOnlyList<string> Tags);

    public static readonly GroupOrder DeepResearcherTags = new("DeepResearcher", "source", "Table 1", PaperSources.Select(p => p.Tag).ToArray());

    public static readonly GroupOrder[] PaperOrders =
    [
        DeepResearcherTags,
        new("HLE", "category", "Table 5(a)",
            ["Math", "Physics", "Computer Science/AI", "Biology/Medicine", "Humanities/Social Science", "Engineering", "Chemistry", "Other"]),
        new("SimpleQA", "topic", "Table 5(b)",
            ["Art", "Geography", "Science and technology", "Politics", "Sports", "Other", "TV shows", "Music", "History", "Video games"]),
    ];

    /// <summary>The paper order that names the most of the sources present (null when none names any).</summary>
    public static GroupOrder? PaperOrder(IEnumerable<string> present)
    {
        var set = present.ToHashSet(StringComparer.Ordinal);
        return PaperOrders.Select(o => (Order: o, Hits: o.Tags.Count(set.Contains))).Where(x => x.Hits > 0)
            .OrderByDescending(x => x.Hits).Select(x => x.Order).FirstOrDefault();
    }

    /// <summary>Sources present in the episodes: those the paper orders first in its order (DeepResearcher sources, HLE
    /// categories or SimpleQA topics, whichever names most of them), any others after them alphabetically.</summary>
    public static IReadOnlyList<string> OrderedSources(IEnumerable<string> present)
    {
        var set = present.ToHashSet(StringComparer.Ordinal);
        var known = PaperOrder(set)?.Tags ?? [];
        return known.Where(set.Contains).Concat(set.Where(s => !known.Contains(s)).Order(StringComparer.Ordinal)).ToList();
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
