using CsvHelper;

namespace Memento.Reports;

/// <summary>One row of <c>qnet_training.csv</c>. <see cref="Auc"/> is empty until the learner has seen both rewards.</summary>
[CsvRecord]
public sealed partial record QNetTrainingRow
{
    [CsvColumn("episode")] public int Episode { get; init; }
    [CsvColumn("loss")] public double? Loss { get; init; }
    [CsvColumn("auc")] public double? Auc { get; init; }
}
