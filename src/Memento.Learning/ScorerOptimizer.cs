using TorchSharp;
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

    public ScorerOptimizer(CaseScorer scorer, double learningRate, double embeddingLearningRate)
    {
        _scorer = scorer;
        _dense = new DenseAdam(scorer.DenseParameters(), learningRate);
        _sparse = new SparseAdagrad(scorer.EmbeddingParameters(), embeddingLearningRate);
    }

    /// <summary>Number of steps taken: the version of θ, which lets callers know when cached embeddings are stale.</summary>
    public long Steps { get; private set; }

    /// <summary>One step on a minibatch of (task, case, first-stage similarity, label); returns the mean loss.
    /// <paramref name="positiveWeight"/> multiplies the loss of positive pairs (BCE's pos_weight), to balance rare
    /// successes. A non-finite loss or gradient throws <see cref="Memento.Core.TrainingDivergedException"/> before
    /// the step, leaving the network as it was.</summary>
    public double Step(IReadOnlyList<int[]> tasks, IReadOnlyList<int[]> cases, float[] similarity, float[] labels, double positiveWeight = 1, float[]? outcome = null)
    {
        using var scope = NewDisposeScope();
        _scorer.train();
        _scorer.zero_grad();
        var logits = _scorer.Logits(tasks, cases, similarity, outcome);
        var target = tensor(labels);
        var loss = nn.functional.binary_cross_entropy_with_logits(logits, target,
            pos_weights: positiveWeight == 1 ? null : tensor(new[] { (float)positiveWeight }));
        loss.backward();
        var value = loss.item<float>();
        FiniteGuard.Check("qnet", value, _scorer.parameters().Select(p => p.grad), Steps + 1,
            "lower memory.qnet.lr or memory.qnet.embedding_lr");
        _dense.Step();
        _sparse.Step();
        Steps++;
        _scorer.eval();
        return value;
    }

    public void Dispose()
    {
        _dense.Dispose();
    }
}
