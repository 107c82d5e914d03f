using CsvHelper;

namespace Memento.Reports;

/// <summary>One row of a sweep's <c>points.csv</c>: a grid point's run folder, its label without the seed, and the seed.</summary>
[CsvRecord]
public sealed partial record SweepPoint
{
    [CsvColumn("folder")] public string Folder { get; init; } = "";
    [CsvColumn("series")] public string Series { get; init; } = "";
    [CsvColumn("seed")] public string Seed { get; init; } = "";
}
