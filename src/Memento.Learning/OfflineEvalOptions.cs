using Memento.Core.Text;

namespace Memento.Learning;

/// <summary>Inputs of <see cref="OfflineEvaluation"/>.</summary>
/// <param name="Training">Pairs file, split (ratio, seed) and epochs of the Q-network scorers
/// (<see cref="RetrieverTrainer"/>); its <c>Network</c>, <c>Encoder</c> and <c>OutDir</c> are set per scorer.</param>
/// <param name="Networks">The <c>memory.qnet</c> settings of each Q-network scorer, one per feature kind (each bound
/// with its own <c>features</c>, so each has that kind's defaults).</param>
/// <param name="Kernel">The <c>memory.kernel</c> settings of the kernel scorer (γ must be 0).</param>
/// <param name="Encoders">Each encoder's <c>memory.encoder.kind</c> and instance; a null instance is the trainer's own
/// hashed TF-IDF fitted on the training side.</param>
/// <param name="K">Logged cases per query the top-K precision keeps (the run's read size).</param>
public sealed record OfflineEvalOptions(
    RetrieverTrainingOptions Training,
    IReadOnlyList<QNetConfig> Networks,
    KernelConfig Kernel,
    IReadOnlyList<(string Kind, ITextEncoder? Encoder)> Encoders,
    int K = 4);
