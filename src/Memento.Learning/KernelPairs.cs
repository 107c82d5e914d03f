namespace Memento.Learning;

/// <summary>The flat (query, store entry) pair list of a batched Q_EC estimate: for each pair its query row, its key
/// row, its value and an additive log-weight (0 for an ordinary entry; log w for an entry counted w times).</summary>
internal sealed record KernelPairs(long[] Segment, long[] KeyRow, float[] Values, float[] LogWeights)
{
    public int Count => Segment.Length;

    public void Check()
    {
        if (KeyRow.Length != Count || Values.Length != Count || LogWeights.Length != Count)
            throw new ArgumentException("segment, key rows, values and log-weights must have one entry per pair");
    }
}
