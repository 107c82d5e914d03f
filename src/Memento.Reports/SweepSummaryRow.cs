using CsvHelper;

namespace Memento.Reports;

/// <summary>One row of a sweep's <c>summary.csv</c>: one series × iteration × source, aggregated over seeds.
/// Percentages are plain means of the per-seed values; <see cref="N"/> and <see cref="Correct"/> are sums over seeds.
/// <see cref="AccuracyCi95"/> is 1.96 · sample sd / √seeds, and 0 for a single seed (tables then show no ±).</summary>
[CsvRecord]
internal sealed partial record SweepSummaryRow
{
    [CsvColumn("series")] public string Series { get; init; } = "";
    [CsvColumn("iteration")] public int Iteration { get; init; }
    [CsvColumn("source")] public string Source { get; init; } = "";
    [CsvColumn("seeds")] public int Seeds { get; init; }
    [CsvColumn("n")] public int N { get; init; }
    [CsvColumn("correct")] public int Correct { get; init; }
    [CsvColumn("accuracy_pct")] public double AccuracyPct { get; init; }
    [CsvColumn("accuracy_ci95")] public double AccuracyCi95 { get; init; }
    [CsvColumn("em_pct")] public double EmPct { get; init; }
    [CsvColumn("f1_pct")] public double F1Pct { get; init; }
}
