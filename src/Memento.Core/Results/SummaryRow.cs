using CsvHelper;

namespace Memento.Core.Results;

/// <summary>One row of <c>summary.csv</c>: one iteration × source (source <c>all</c> pools every source).
/// Percentages are of <see cref="N"/> episodes; <see cref="Correct"/> counts reward = 1.</summary>
[CsvRecord]
public sealed partial record SummaryRow
{
    public const string AllSources = "all";

    [CsvColumn("iteration")] public int Iteration { get; init; }
    [CsvColumn("source")] public string Source { get; init; } = "";
    [CsvColumn("n")] public int N { get; init; }
    [CsvColumn("correct")] public int Correct { get; init; }
    [CsvColumn("accuracy_pct")] public double AccuracyPct { get; init; }
    [CsvColumn("em_pct")] public double EmPct { get; init; }
    [CsvColumn("f1_pct")] public double F1Pct { get; init; }

    public static IReadOnlyList<SummaryRow> From(IEnumerable<EpisodeRecord> episodes)
    {
        var list = episodes.ToList();
        var rows = new List<SummaryRow>();
        foreach (var iteration in list.Select(e => e.Iteration).Distinct().Order())
        {
            var inIteration = list.Where(e => e.Iteration == iteration).ToList();
            foreach (var source in inIteration.Select(e => e.Source).Distinct().Order(StringComparer.Ordinal))
                rows.Add(Of(iteration, source, inIteration.Where(e => e.Source == source).ToList()));
            rows.Add(Of(iteration, AllSources, inIteration));
        }
        return rows;
    }

    private static SummaryRow Of(int iteration, string source, IReadOnlyList<EpisodeRecord> episodes) => new()
    {
        Iteration = iteration,
        Source = source,
        N = episodes.Count,
        Correct = episodes.Sum(e => e.Reward),
        AccuracyPct = Math.Round(100.0 * episodes.Average(e => e.Reward), 4),
        EmPct = Math.Round(100.0 * episodes.Average(e => e.Em), 4),
        F1Pct = Math.Round(100.0 * episodes.Average(e => e.F1), 4),
    };
}
