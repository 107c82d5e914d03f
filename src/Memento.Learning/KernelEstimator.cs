using TorchSharp;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>
/// Q_EC for a batch of (task, case) queries in one differentiable pass: every (query, store entry of that query's
/// case) pair is one row of a flat list, kernels are computed per row and summed per query with <c>index_add</c>.
/// A flat list rather than a padded [B, max |D_c|] matrix, because one popular case can own thousands of entries.
/// Equals <see cref="KernelMath.KernelEstimate"/> row by row.
/// </summary>
public static class KernelEstimator
{
    /// <param name="queries">φ(s) per query, [B, P].</param>
    /// <param name="keys">φ(s_i) of the store entries involved, [U, P].</param>
    /// <param name="segment">For each pair, its query row (every row in 0..B−1 must occur at least once).</param>
    /// <param name="keyRow">For each pair, its key row.</param>
    /// <param name="values">For each pair, the stored value Q_i.</param>
    /// <returns>Q_EC per query, [B].</returns>
    public static Tensor Estimate(Tensor queries, Tensor keys, long[] segment, long[] keyRow, float[] values, double bandwidth)
    {
        if (segment.Length != keyRow.Length || segment.Length != values.Length)
            throw new ArgumentException("segment, keyRow and values must have one entry per pair");
        var rows = queries.shape[0];
        var seg = tensor(segment, ScalarType.Int64);
        using var inverseBandwidth = (-1.0 / bandwidth).ToScalar();
        var diff = queries.index_select(0, seg).sub(keys.index_select(0, tensor(keyRow, ScalarType.Int64)));
        var logKernel = diff.mul(diff).sum(1).mul_(inverseBandwidth);

        // Subtract each query's largest log-kernel (a constant, so no gradient flows through it): the weighted
        // average is unchanged, and entries far from the query cannot all underflow to 0/0.
        var host = logKernel.detach().data<float>().ToArray();
        var max = new float[rows];
        Array.Fill(max, float.NegativeInfinity);
        for (var m = 0; m < segment.Length; m++) max[segment[m]] = Math.Max(max[segment[m]], host[m]);
        var shift = tensor(segment.Select(s => max[s]).ToArray());

        var weights = logKernel.sub(shift).exp();
        var numerator = zeros(rows).index_add(0, seg, weights.mul(tensor(values)), TorchRuntime.One);
        var denominator = zeros(rows).index_add(0, seg, weights, TorchRuntime.One);
        return numerator.div(denominator);
    }
}
