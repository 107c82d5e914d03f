namespace Memento.Learning;

/// <summary>
/// The formulas of kernel episodic control (paper Eq. 9–11) on explicit inputs, in double precision: the reference
/// the batched torch code (<see cref="KernelEstimator"/>) is tested against, and the soft TD target.
/// </summary>
public static class KernelMath
{
    /// <summary>k(s, s') = exp(−‖φ(s) − φ(s')‖² / bandwidth).</summary>
    public static double Kernel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, double bandwidth) =>
        Math.Exp(-SquaredDistance(a, b) / bandwidth);

    /// <summary>
    /// Q_EC(s, c) = Σ_i k(s, s_i)·Q_i / Σ_i k(s, s_i) over the entries (s_i, c, Q_i) of the store for case c, given as
    /// projected keys φ(s_i) and values Q_i. Null when there are no entries (the estimate is undefined; callers use
    /// a prior). Kernels are computed relative to the nearest key — the ratio is unchanged, but far-away entries can
    /// no longer all underflow to 0/0.
    /// </summary>
    public static double? KernelEstimate(ReadOnlySpan<float> query, IReadOnlyList<float[]> keys, IReadOnlyList<double> values, double bandwidth)
    {
        if (keys.Count != values.Count) throw new ArgumentException("one value per key is required");
        if (keys.Count == 0) return null;
        var distances = new double[keys.Count];
        for (var i = 0; i < keys.Count; i++) distances[i] = SquaredDistance(query, keys[i]);
        var nearest = distances.Min();
        double numerator = 0, denominator = 0;
        for (var i = 0; i < keys.Count; i++)
        {
            var k = Math.Exp(-(distances[i] - nearest) / bandwidth);
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
