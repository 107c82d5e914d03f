using CsvHelper;

namespace Memento.Learning;

/// <summary>One row of a learner's history CSV (<c>episode,loss,auc</c>; empty cells where the value is undefined),
/// the file the reports read to plot training loss and rolling AUC.</summary>
[CsvRecord]
public sealed partial record TrainingHistoryRow
{
    [CsvColumn("episode")] public int Episode { get; init; }
    [CsvColumn("loss")] public double? Loss { get; init; }
    [CsvColumn("auc")] public double? Auc { get; init; }
}
