using TorchSharp;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>
/// Q_EC for a batch of (task, case) queries in one differentiable pass: every (query, store entry of that query's
/// case) pair is one row of a flat list, kernels are computed per row and summed per query with <c>index_add</c>.
/// A flat list rather than a padded [B, max |D_c|] matrix, because one popular case can own thousands of entries.
/// Each query also gets its prior as a pseudo-entry of weight λ (constant: no gradient flows into it).
/// Equals <see cref="KernelMath.KernelEstimate"/> row by row.
/// </summary>
internal static class KernelEstimator
{
    /// <param name="queries">φ(s) per query, [B, P].</param>
    /// <param name="keys">φ(s_i) of the store entries involved, [U, P].</param>
    /// <param name="pairs">The pairs (a query with none, and λ = 0, is given its prior).</param>
    /// <param name="priors">For each query, its prior q₀.</param>
    /// <param name="priorWeight">λ, the prior's kernel weight (0: the paper's plain normalised estimate).</param>
    /// <returns>Q_EC per query, [B].</returns>
    public static Tensor Estimate(Tensor queries, Tensor keys, KernelPairs pairs, double bandwidth, float[] priors, double priorWeight)
    {
        pairs.Check();
        var rows = queries.shape[0];
        if (priors.Length != rows) throw new ArgumentException("priors must have one entry per query");
        var seg = tensor(pairs.Segment, ScalarType.Int64);
        using var inverseBandwidth = (-1.0 / bandwidth).ToScalar();
        var diff = queries.index_select(0, seg).sub(keys.index_select(0, tensor(pairs.KeyRow, ScalarType.Int64)));
        var logKernel = diff.mul(diff).sum(1).mul_(inverseBandwidth).add_(tensor(pairs.LogWeights));

        // Subtract each query's largest log-weight (a constant, so no gradient flows through it): the weighted
        // average is unchanged, and entries far from the query cannot all underflow to 0/0.
        var host = logKernel.detach().data<float>().ToArray();
        var logPrior = priorWeight > 0 ? (float)Math.Log(priorWeight) : float.NegativeInfinity;
        var max = new float[rows];
        Array.Fill(max, logPrior);
        for (var m = 0; m < pairs.Count; m++) max[pairs.Segment[m]] = Math.Max(max[pairs.Segment[m]], host[m]);
        var shift = tensor(pairs.Segment.Select(s => max[s]).ToArray());
        // A query with no pairs and λ = 0 is undefined in the paper's form; it gets its prior alone.
        var priorShare = max.Select(m => float.IsNegativeInfinity(m) ? 1f : MathF.Exp(logPrior - m)).ToArray();

        var weights = logKernel.sub(shift).exp();
        var numerator = tensor(priorShare.Select((w, i) => w * priors[i]).ToArray()).index_add(0, seg, weights.mul(tensor(pairs.Values)), TorchRuntime.One);
        var denominator = tensor(priorShare).index_add(0, seg, weights, TorchRuntime.One);
        return numerator.div(denominator);
    }
}
