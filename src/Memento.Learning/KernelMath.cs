namespace Memento.Learning;

/// <summary>
/// The formulas of kernel episodic control (paper Eq. 9–11) on explicit inputs, in double precision: the reference
/// the batched torch code (<see cref="KernelEstimator"/>) is tested against, and the soft TD target.
/// </summary>
internal static class KernelMath
{
    /// <summary>k(s, s') = exp(−‖φ(s) − φ(s')‖² / bandwidth).</summary>
    public static double Kernel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, double bandwidth) =>
        Math.Exp(-SquaredDistance(a, b) / bandwidth);

    /// <summary>
    /// Q_EC(s, c) = (Σ_i k(s, s_i)·Q_i + λ·q₀) / (Σ_i k(s, s_i) + λ) over the entries (s_i, c, Q_i) of the store for
    /// case c, given as projected keys φ(s_i) and values Q_i. With prior weight λ = 0 this is the paper's normalised
    /// estimate (Eq. 10), undefined (null) without entries. With λ &gt; 0 the prior q₀ is one more entry at kernel
    /// weight λ (k = 1 is an identical task): a case whose only entries are far from s stays near q₀ instead of
    /// taking their value whatever the distance — without it, one success on an unrelated task scores a case 1.
    /// Kernels are computed relative to the largest weight — the ratio is unchanged, but far-away entries can no
    /// longer all underflow to 0/0.
    /// </summary>
    /// <param name="entryWeights">How many times each entry counts (default 1 each): its kernel is multiplied by it.</param>
    public static double? KernelEstimate(ReadOnlySpan<float> query, IReadOnlyList<float[]> keys, IReadOnlyList<double> values, double bandwidth,
        double prior = 0, double priorWeight = 0, IReadOnlyList<double>? entryWeights = null)
    {
        if (keys.Count != values.Count || (entryWeights is not null && entryWeights.Count != keys.Count))
            throw new ArgumentException("one value (and weight) per key is required");
        if (priorWeight < 0) throw new ArgumentOutOfRangeException(nameof(priorWeight), priorWeight, "must be >= 0");
        if (keys.Count == 0) return priorWeight > 0 ? prior : null;
        var logWeights = new double[keys.Count];
        for (var i = 0; i < keys.Count; i++)
            logWeights[i] = -SquaredDistance(query, keys[i]) / bandwidth + Math.Log(entryWeights?[i] ?? 1);
        var logPrior = priorWeight > 0 ? Math.Log(priorWeight) : double.NegativeInfinity;
        var max = Math.Max(logWeights.Max(), logPrior);
        var priorShare = Math.Exp(logPrior - max);
        double numerator = priorShare * prior, denominator = priorShare;
        for (var i = 0; i < keys.Count; i++)
        {
            var k = Math.Exp(logWeights[i] - max);
            numerator += k * values[i];
            denominator += k;
        }
        return numerator / denominator;
    }

    /// <summary>Soft state value V(s') = α·log Σ_{c'} exp(Q(s', c')/α), computed stably (max subtracted).</summary>
    public static double SoftValue(IReadOnlyList<double> nextQ, double alpha)
    {
        if (nextQ.Count == 0) throw new ArgumentException("the soft value needs at least one next-state Q", nameof(nextQ));
        if (alpha <= 0) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must be > 0");
        var max = nextQ.Max();
        var sum = nextQ.Sum(q => Math.Exp((q - max) / alpha));
        return max + alpha * Math.Log(sum);
    }

    /// <summary>Soft TD target y = r + γ·α·log Σ_{c'} exp(Q_target(s', c')/α); y = r when γ = 0 or s' is terminal
    /// (no next-state values), as in the single-step deep-research setting.</summary>
    public static double SoftTdTarget(double reward, double gamma, double alpha, IReadOnlyList<double>? nextQ)
    {
        if (gamma == 0 || nextQ is null || nextQ.Count == 0) return reward;
        return reward + gamma * SoftValue(nextQ, alpha);
    }

    public static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("vectors differ in length");
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = (double)a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
