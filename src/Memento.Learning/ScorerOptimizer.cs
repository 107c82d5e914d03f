using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>
/// One gradient step of binary cross-entropy on a <see cref="CaseScorer"/>: Adam at <c>lr</c> on the MLP, row-sparse
/// Adagrad at <c>embedding_lr</c> on the hashed tables. Dense Adam would update every row of the tables each step
/// (docs/design.md §7); <see cref="SparseAdagrad"/> touches only the rows in the batch and, unlike sparse SGD, is not
/// starved by the tiny gradients a mean bag passes to each row.
/// </summary>
internal sealed class ScorerOptimizer : IDisposable
{
    private readonly CaseScorer _scorer;
    private readonly DenseAdam _dense;
    private readonly SparseAdagrad _sparse;
    private readonly Parameter[] _parameters;

    public ScorerOptimizer(CaseScorer scorer, double learningRate, double embeddingLearningRate)
    {
        _scorer = scorer;
        _dense = new DenseAdam(scorer.DenseParameters(), learningRate);
        _sparse = new SparseAdagrad(scorer.EmbeddingParameters(), embeddingLearningRate);
        _parameters = scorer.parameters().ToArray();
    }

    /// <summary>Number of steps taken: the version of θ, which lets callers know when cached embeddings are stale.</summary>
    public long Steps { get; private set; }

    /// <summary>One step on a minibatch of (task, case, first-stage similarity, label); returns the mean loss.
    /// <paramref name="positiveWeight"/> multiplies the loss of positive pairs (BCE's pos_weight), to balance rare
    /// successes. A non-finite loss or gradient throws <see cref="Memento.Core.TrainingDivergedException"/> before
    /// the step, leaving the network as it was.</summary>
    public double Step(IReadOnlyList<int[]> tasks, IReadOnlyList<int[]> cases, float[] similarity, float[] labels, double positiveWeight = 1, float[]? outcome = null)
    {
        var value = BceStep.Run(_scorer, _parameters, () => _scorer.Logits(tasks, cases, similarity, outcome), labels, positiveWeight, Steps + 1,
            "lower memory.qnet.lr or memory.qnet.embedding_lr", () =>
            {
                using (PolicyProfile.Time(PolicyPart.DenseStep)) _dense.Step();
                using (PolicyProfile.Time(PolicyPart.SparseStep)) _sparse.Step();
            });
        Steps++;
        return value;
    }

    public void Dispose()
    {
        _dense.Dispose();
    }
}
