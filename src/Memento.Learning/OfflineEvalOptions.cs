using Memento.Core.Text;

namespace Memento.Learning;

/// <summary>Inputs of <see cref="OfflineEvaluation"/>.</summary>
/// <param name="Training">Pairs file, split (ratio, seed), epochs and network of the Q-network scorers
/// (<see cref="RetrieverTrainer"/>); its <c>Encoder</c> and <c>OutDir</c> are set per encoder.</param>
/// <param name="Kernel">The <c>memory.kernel</c> settings of the kernel scorer (γ must be 0).</param>
/// <param name="Encoders">Each encoder's <c>memory.encoder.kind</c> and instance; a null instance is the trainer's own
/// hashed TF-IDF fitted on the training side.</param>
/// <param name="K">Logged cases per query the top-K precision keeps (the run's read size).</param>
public sealed record OfflineEvalOptions(
    RetrieverTrainingOptions Training,
    KernelConfig Kernel,
    IReadOnlyList<(string Kind, ITextEncoder? Encoder)> Encoders,
    int K = 4);
