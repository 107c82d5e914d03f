namespace Memento.Learning;

/// <summary>Outcome of offline retriever training. <see cref="ValAuc"/>, accuracy and F1 are those of the best epoch
/// (by held-out AUC), whose network is the checkpoint; <see cref="ValAucCosine"/> is plain query–case cosine
/// similarity on the same held-out rows; <see cref="ValScores"/> are that epoch's scores of the held-out rows, in the
/// split's order.</summary>
public sealed record RetrieverTrainingResult(
    double ValAuc,
    double ValAucCosine,
    double ValAccuracy,
    double ValF1,
    int BestEpoch,
    IReadOnlyList<EpochMetrics> Epochs,
    int TrainQueries,
    int ValQueries,
    int TrainRows,
    int ValRows,
    int DuplicatesDropped,
    string CheckpointPath,
    string MetricsPath,
    IReadOnlyList<double> ValScores);
