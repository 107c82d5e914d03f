using Memento.Core.Results;

namespace Memento.Reports;

/// <summary>Pools the per-seed summaries of a sweep into one row per series × iteration × source.</summary>
internal static class SweepAggregator
{
    /// <summary>Each seed counts once, whatever its episode count: the spread between seeds is what the interval
    /// measures, so percentages are plain means of per-seed values while counts are summed for the record.</summary>
    public static List<SweepSummaryRow> Aggregate(
        IEnumerable<(SweepPoint Point, IReadOnlyList<SummaryRow> Rows)> points, IReadOnlyList<string> seriesOrder)
    {
        var rank = seriesOrder.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        return points
            .SelectMany(p => p.Rows.Select(r => (p.Point.Series, Row: r)))
            .GroupBy(x => (x.Series, x.Row.Iteration, x.Row.Source))
            .Select(g =>
            {
                var rows = g.Select(x => x.Row).ToList();
                return new SweepSummaryRow
                {
                    Series = g.Key.Series,
                    Iteration = g.Key.Iteration,
                    Source = g.Key.Source,
                    Seeds = rows.Count,
                    N = rows.Sum(r => r.N),
                    Correct = rows.Sum(r => r.Correct),
                    AccuracyPct = Math.Round(rows.Average(r => r.AccuracyPct), 4),
                    AccuracyCi95 = Math.Round(SeedStats.Ci95(rows.Select(r => r.AccuracyPct).ToList()), 4),
                    EmPct = Math.Round(rows.Average(r => r.EmPct), 4),
                    F1Pct = Math.Round(rows.Average(r => r.F1Pct), 4),
                };
            })
            .OrderBy(r => rank.GetValueOrDefault(r.Series, int.MaxValue))
            .ThenBy(r => r.Iteration)
            .ThenBy(r => r.Source == SummaryRow.AllSources ? 1 : 0)
            .ThenBy(r => r.Source, StringComparer.Ordinal)
            .ToList();
    }
}
