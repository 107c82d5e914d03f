using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>Packs variable-length bags of hashed feature ids into the flat (ids, offsets) pair that
/// <c>EmbeddingBag</c> takes, so a whole batch is one native call.</summary>
internal static class FeatureBags
{
    public static (Tensor Ids, Tensor Offsets) Pack(IReadOnlyList<int[]> bags)
    {
        var total = 0;
        foreach (var bag in bags) total += bag.Length;
        var ids = new long[total];
        var offsets = new long[bags.Count];
        var at = 0;
        for (var b = 0; b < bags.Count; b++)
        {
            offsets[b] = at;
            foreach (var id in bags[b]) ids[at++] = id;
        }
        return (tensor(ids, ScalarType.Int64), tensor(offsets, ScalarType.Int64));
    }
}
