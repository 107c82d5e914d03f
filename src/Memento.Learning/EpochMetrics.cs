namespace Memento.Learning;

/// <summary>One epoch of offline retriever training: mean training loss (pos-weighted BCE), and on the held-out
/// queries the unweighted BCE, accuracy and F1 at Q ≥ 0.5, and ROC-AUC.</summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double ValLoss, double ValAccuracy, double ValF1, double ValAuc);
