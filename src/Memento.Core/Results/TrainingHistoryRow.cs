using CsvHelper;

namespace Memento.Core.Results;

/// <summary>One row of <c>qnet_training.csv</c>, the history a learned read policy writes and the reports plot:
/// training loss and rolling held-out AUC per episode (empty cells where a value is undefined, e.g. AUC until the
/// learner has seen both rewards).</summary>
[CsvRecord]
public sealed partial record TrainingHistoryRow
{
    [CsvColumn("episode")] public int Episode { get; init; }
    [CsvColumn("loss")] public double? Loss { get; init; }
    [CsvColumn("auc")] public double? Auc { get; init; }
}
