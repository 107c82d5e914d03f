namespace Memento.Reports;

/// <summary>Spread of one quantity over the seeds of a series.</summary>
internal static class SeedStats
{
    /// <summary>Half-width of the normal-approximation 95% interval of the mean: 1.96 · s / √n with the sample
    /// standard deviation s (n − 1 in the denominator). One seed carries no spread information, so it reports 0
    /// rather than an undefined value.</summary>
    public static double Ci95(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0;
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return 1.96 * Math.Sqrt(variance) / Math.Sqrt(values.Count);
    }
}
