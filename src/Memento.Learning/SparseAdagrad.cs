using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>
/// Row-sparse Adagrad for the hashed embedding tables. TorchSharp 0.107 has no SparseAdam and its Adagrad rejects
/// sparse gradients; plain SGD does accept them, but the gradient reaching one row of a mean bag is divided by the
/// bag length and the batch size, so at any sane learning rate the tables barely move and the network cannot learn
/// which tokens matter (a keyword toy problem stayed at chance). Adagrad's per-coordinate scaling removes that
/// dependence on gradient size, and done row-wise it touches only the rows present in the batch: cost
/// O(rows in batch × D), not O(buckets × D). Scalars are kept alive explicitly, as in <see cref="DenseAdam"/>.
/// </summary>
internal sealed class SparseAdagrad : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _squaredSums;
    private readonly Scalar _minusLearningRate;
    private readonly Scalar _epsilon = 1e-10.ToScalar();

    public SparseAdagrad(IEnumerable<Parameter> parameters, double learningRate)
    {
        _parameters = parameters.ToArray();
        _squaredSums = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _minusLearningRate = (-learningRate).ToScalar();
    }

    public void Step()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            var grad = parameter.grad;
            if (grad is null) continue;
            if (!grad.is_sparse) throw new InvalidOperationException("SparseAdagrad expects sparse gradients (EmbeddingBag sparse: true)");
            var (rows, rowGrads) = SumByRow(grad);
            var sums = _squaredSums[i].index_select(0, rows).addcmul_(rowGrads, rowGrads, TorchRuntime.One);
            _squaredSums[i].index_copy_(0, rows, sums);
            // Rows are distinct, so read–modify–index_copy_ is exact; libtorch's CPU index_add_ loops per index.
            var step = rowGrads.div(sums.sqrt().add_(_epsilon, TorchRuntime.One));
            parameter.index_copy_(0, rows, parameter.index_select(0, rows).add_(step, _minusLearningRate));
        }
    }

    public void Dispose()
    {
        foreach (var t in _squaredSums) t.Dispose();
        _minusLearningRate.Dispose();
        _epsilon.Dispose();
    }

    /// <summary>An embedding's sparse gradient holds one row per token occurrence; Adagrad needs one per distinct row.
    /// Native unique + index_add_ (measured 0.7 ms for 4.7k occurrences × 64; a host-side dictionary pass was ~4×
    /// slower, mostly in copying the values out).</summary>
    private static (Tensor Rows, Tensor Grads) SumByRow(Tensor grad)
    {
        var values = grad.SparseValues;
        var (rows, inverse, _) = grad.SparseIndices[0].unique(sorted: true, return_inverse: true, return_counts: false);
        return (rows, zeros(rows.shape[0], values.shape[1]).index_add_(0, inverse!, values, TorchRuntime.One));
    }
}
