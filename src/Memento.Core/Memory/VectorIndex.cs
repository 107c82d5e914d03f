using System.Numerics;
using System.Runtime.InteropServices;

namespace Memento.Core.Memory;

/// <summary>Row-major float matrix of case vectors with exact top-K by dot product. One streaming pass per query; no
/// allocation per query beyond the result. Rows live in fixed-size blocks rather than one array that doubles: growing
/// a single 1M × 256 array copies it and briefly holds both (1.5 GB at the last doubling), and blocks never move.</summary>
public sealed class VectorIndex(int dimension)
{
    // 2^12 rows per block: 4 MB at dimension 256, large enough that the per-block loop costs nothing measurable.
    private const int BlockShift = 12;
    private const int BlockRows = 1 << BlockShift;

    private readonly List<float[]> _blocks = new();

    public int Dimension { get; } = dimension;
    public int Count { get; private set; }

    public Span<float> AppendRow()
    {
        if (Count >> BlockShift == _blocks.Count) _blocks.Add(new float[BlockRows * Dimension]);
        var row = RowSpan(Count);
        Count++;
        return row;
    }

    public ReadOnlySpan<float> Row(int i) => RowSpan(i);

    /// <summary>Ids of the k rows with the largest dot product with the query, best first (ties: lower id first).</summary>
    public int[] TopK(ReadOnlySpan<float> query, int k)
    {
        var selector = new TopKSelector(Math.Min(k, Count));
        for (var b = 0; b < _blocks.Count; b++)
        {
            var block = _blocks[b];
            var first = b << BlockShift;
            var rows = Math.Min(BlockRows, Count - first);
            for (var r = 0; r < rows; r++) selector.Offer(first + r, Dot(query, block.AsSpan(r * Dimension, Dimension)));
        }
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

    private Span<float> RowSpan(int i) => _blocks[i >> BlockShift].AsSpan((i & (BlockRows - 1)) * Dimension, Dimension);
}
