using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>
/// Row-sparse Adagrad for the hashed embedding tables. TorchSharp 0.107 has no SparseAdam and its Adagrad rejects
/// sparse gradients; plain SGD does accept them, but the gradient reaching one row of a mean bag is divided by the
/// bag length and the batch size, so at any sane learning rate the tables barely move and the network cannot learn
/// which tokens matter (a keyword toy problem stayed at chance). Adagrad's per-coordinate scaling removes that
/// dependence on gradient size, and done row-wise it touches only the rows present in the batch: cost
/// O(token occurrences in batch × D), not O(buckets × D).
/// <para>The update runs in managed code directly on the tables' storage (<see cref="Tensor.bytes"/>), summing a
/// row's occurrences in a reused buffer. The same rule as a chain of libtorch ops (unique, index_add_, index_select,
/// addcmul_, index_copy_) took 4.2 ms per step in a microbenchmark on the (loaded) 2-core machine, much of it
/// allocating and page-faulting fresh temporaries; this pass allocates nothing per step and took 1.0–1.3 ms there,
/// bound by cache and TLB misses on the scattered rows.</para>
/// </summary>
internal sealed class SparseAdagrad
{
    private const float Epsilon = 1e-10f;

    private readonly Parameter[] _parameters;
    private readonly float[][] _squaredSums;
    private readonly float _learningRate;
    private readonly Dictionary<long, int> _slotOfRow = new();
    private readonly List<long> _rowOfSlot = new();
    private float[] _rowGradients = new float[64 * 1024];

    public SparseAdagrad(IEnumerable<Parameter> parameters, double learningRate)
    {
        _parameters = parameters.ToArray();
        foreach (var p in _parameters)
            if (p.dtype != ScalarType.Float32 || p.dim() != 2 || !p.is_contiguous())
                throw new ArgumentException("SparseAdagrad expects contiguous float32 [rows, D] tables");
        _squaredSums = _parameters.Select(p => new float[p.numel()]).ToArray();
        _learningRate = (float)learningRate;
    }

    public void Step()
    {
        for (var i = 0; i < _parameters.Length; i++)
        {
            var grad = _parameters[i].grad;
            if (grad is null) continue;
            if (!grad.is_sparse) throw new InvalidOperationException("SparseAdagrad expects sparse gradients (EmbeddingBag sparse: true)");
            using var indices = grad.SparseIndices;
            using var values = grad.SparseValues.contiguous();
            var width = (int)_parameters[i].shape[1];
            var rows = SumByRow(MemoryMarshal.Cast<byte, long>(indices.bytes), MemoryMarshal.Cast<byte, float>(values.bytes), width);
            var table = MemoryMarshal.Cast<byte, float>(_parameters[i].bytes);
            for (var slot = 0; slot < rows; slot++)
            {
                var offset = (int)(_rowOfSlot[slot] * width);
                Update(table.Slice(offset, width), _squaredSums[i].AsSpan(offset, width), _rowGradients.AsSpan(slot * width, width));
            }
        }
    }

    /// <summary>A sparse gradient holds one row per token occurrence; Adagrad needs one per distinct row. Sums them
    /// into <see cref="_rowGradients"/> (slot order = first occurrence) and returns the number of distinct rows.</summary>
    private int SumByRow(ReadOnlySpan<long> rowIds, ReadOnlySpan<float> values, int width)
    {
        _slotOfRow.Clear();
        _rowOfSlot.Clear();
        if (_rowGradients.Length < values.Length) _rowGradients = new float[values.Length];
        for (var occurrence = 0; occurrence < rowIds.Length; occurrence++)
        {
            var source = values.Slice(occurrence * width, width);
            if (!_slotOfRow.TryGetValue(rowIds[occurrence], out var slot))
            {
                slot = _rowOfSlot.Count;
                _slotOfRow.Add(rowIds[occurrence], slot);
                _rowOfSlot.Add(rowIds[occurrence]);
                source.CopyTo(_rowGradients.AsSpan(slot * width, width));
                continue;
            }
            Add(_rowGradients.AsSpan(slot * width, width), source);
        }
        return _rowOfSlot.Count;
    }

    private static void Add(Span<float> target, ReadOnlySpan<float> source)
    {
        var d = 0;
        for (; d <= target.Length - Vector<float>.Count; d += Vector<float>.Count)
            (new Vector<float>(target[d..]) + new Vector<float>(source[d..])).CopyTo(target[d..]);
        for (; d < target.Length; d++) target[d] += source[d];
    }

    /// <summary>G += g²; θ −= lr · g / (√G + ε), element-wise over one row.</summary>
    private void Update(Span<float> row, Span<float> squaredSum, ReadOnlySpan<float> gradient)
    {
        var d = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var lr = new Vector<float>(_learningRate);
            var epsilon = new Vector<float>(Epsilon);
            for (; d <= row.Length - Vector<float>.Count; d += Vector<float>.Count)
            {
                var g = new Vector<float>(gradient[d..]);
                var sum = new Vector<float>(squaredSum[d..]) + g * g;
                sum.CopyTo(squaredSum[d..]);
                (new Vector<float>(row[d..]) - lr * g / (Vector.SquareRoot(sum) + epsilon)).CopyTo(row[d..]);
            }
        }
        for (; d < row.Length; d++)
        {
            squaredSum[d] += gradient[d] * gradient[d];
            row[d] -= _learningRate * gradient[d] / (MathF.Sqrt(squaredSum[d]) + Epsilon);
        }
    }
}
