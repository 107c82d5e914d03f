using System.Numerics;
using System.Runtime.InteropServices;

namespace Memento.Core.Memory;

/// <summary>Row-major contiguous float matrix of case vectors with exact top-K by dot product.
/// One streaming pass per query; no allocation per query beyond the result.</summary>
public sealed class VectorIndex(int dimension)
{
    private float[] _rows = new float[dimension * 64];

    public int Dimension { get; } = dimension;
    public int Count { get; private set; }

    public Span<float> AppendRow()
    {
        if ((Count + 1) * Dimension > _rows.Length) Array.Resize(ref _rows, _rows.Length * 2);
        return _rows.AsSpan(Count++ * Dimension, Dimension);
    }

    public ReadOnlySpan<float> Row(int i) => _rows.AsSpan(i * Dimension, Dimension);

    /// <summary>Ids of the k rows with the largest dot product with the query, best first (ties: lower id first).</summary>
    public int[] TopK(ReadOnlySpan<float> query, int k)
    {
        var selector = new TopKSelector(Math.Min(k, Count));
        for (var i = 0; i < Count; i++) selector.Offer(i, Dot(query, Row(i)));
        return selector.Result();
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var acc = Vector<float>.Zero;
        for (var i = 0; i < va.Length; i++) acc += va[i] * vb[i];
        var sum = Vector.Sum(acc);
        for (var i = va.Length * Vector<float>.Count; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
