using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>
/// φ_θ(s) = W·x(s): a learned linear map of the task's encoded (TF-IDF) vector to <c>projection_dim</c> dimensions.
/// The input is sparse, so the product is an <c>EmbeddingBag</c> in sum mode with the TF-IDF values as per-sample
/// weights — the same W·x without materialising x. W starts as a scaled Gaussian (entries N(0, 1/P)), a random
/// projection that preserves distances, so before any training the kernel is a similarity kernel on TF-IDF vectors.
/// </summary>
internal sealed class KernelProjection : nn.Module
{
    private readonly EmbeddingBag map;

    public KernelProjection(int inputDim, int projectionDim, int seed) : base(nameof(KernelProjection))
    {
        lock (TorchRuntime.SeedGate)
        {
            TorchRuntime.Configure();
            torch.manual_seed(seed);
            map = nn.EmbeddingBag(inputDim, projectionDim, mode: EmbeddingBagMode.Sum);
            using (no_grad()) nn.init.normal_(map.weight!, 0, 1 / Math.Sqrt(projectionDim));
        }
        RegisterComponents();
    }

    public Parameter Weight => map.weight!;

    /// <summary>Projections [B, P] of the given vectors, in order.</summary>
    public Tensor Project(IReadOnlyList<SparseVector> vectors)
    {
        var total = vectors.Sum(v => v.Indices.Length);
        var ids = new long[total];
        var weights = new float[total];
        var offsets = new long[vectors.Count];
        var at = 0;
        for (var b = 0; b < vectors.Count; b++)
        {
            offsets[b] = at;
            var v = vectors[b];
            for (var j = 0; j < v.Indices.Length; j++)
            {
                ids[at] = v.Indices[j];
                weights[at++] = v.Values[j];
            }
        }
        return map.call(tensor(ids, ScalarType.Int64), tensor(offsets, ScalarType.Int64), tensor(weights));
    }

    /// <summary>θ_target ← β·θ + (1 − β)·θ_target: the slowly moving copy that computes TD targets.</summary>
    public void SoftUpdateFrom(KernelProjection online, double beta)
    {
        using var _ = no_grad();
        using var keep = (1 - beta).ToScalar();
        using var mix = beta.ToScalar();
        Weight.mul_(keep).add_(online.Weight, mix);
    }

    public void CopyFrom(KernelProjection other)
    {
        using var _ = no_grad();
        Weight.copy_(other.Weight);
    }
}
