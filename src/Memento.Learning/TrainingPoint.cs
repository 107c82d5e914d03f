namespace Memento.Learning;

/// <summary>One episode of an online learner's diagnostics. <see cref="Loss"/> is the mean training loss of the
/// episode's gradient steps (null when it took none); <see cref="Auc"/> is the rolling held-out AUC (null until the
/// window holds both rewards).</summary>
public sealed record TrainingPoint(int Episode, double? Loss, double? Auc);
