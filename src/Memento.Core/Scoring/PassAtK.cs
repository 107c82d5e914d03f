namespace Memento.Core.Scoring;

/// <summary>The unbiased pass@k estimator (Chen et al., 2021): for a task attempted n times with c correct,
/// pass@k = 1 − C(n−c, k) / C(n, k), computed as the stable product 1 − ∏_{i=n−c+1}^{n} (1 − k/i) so no binomial
/// coefficient is ever formed; the benchmark figure is the plain mean over tasks.</summary>
public static class PassAtK
{
    public static double Estimate(int n, int c, int k)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "attempts must be at least 1");
        if (c < 0 || c > n) throw new ArgumentOutOfRangeException(nameof(c), c, $"correct attempts must be in [0, {n}]");
        if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [1, {n}]");
        if (n - c < k) return 1.0;
        var allWrong = 1.0;
        for (var i = n - c + 1; i <= n; i++) allWrong *= 1.0 - (double)k / i;
        return 1.0 - allWrong;
    }

    /// <summary>Mean pass@k over tasks, each given as (attempts, correct attempts); k must not exceed any task's n.</summary>
    public static double Mean(IEnumerable<(int Attempts, int Correct)> tasks, int k)
    {
        var (sum, count) = (0.0, 0);
        foreach (var (n, c) in tasks)
        {
            sum += Estimate(n, c, k);
            count++;
        }
        if (count == 0) throw new ArgumentException("pass@k needs at least one task", nameof(tasks));
        return sum / count;
    }

    /// <summary>pass@k for every k in 1..n (n = the smallest attempt count over the tasks).</summary>
    public static IReadOnlyDictionary<int, double> All(IReadOnlyCollection<(int Attempts, int Correct)> tasks)
    {
        if (tasks.Count == 0) throw new ArgumentException("pass@k needs at least one task", nameof(tasks));
        var maxK = tasks.Min(t => t.Attempts);
        return Enumerable.Range(1, maxK).ToDictionary(k => k, k => Mean(tasks, k));
    }
}
