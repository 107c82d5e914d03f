namespace Memento.Reports;

/// <summary>Folds per-seed values into a <see cref="TableCell"/>: mean ± 95% CI over seeds (<see cref="SeedStats.Ci95"/>; none for one seed)
/// and the integer counts summed over seeds.</summary>
internal static class SeedCell
{
    /// <summary>One seed's measurement: the percentage, and the counts behind it (correct of n, or n alone when
    /// <paramref name="Correct"/> is null, as for a mean F1).</summary>
    public readonly record struct Measure(double Pct, int? Correct, int N);

    public static TableCell Of(IReadOnlyList<Measure?> perSeed)
    {
        var present = perSeed.Where(m => m is not null).Select(m => m!.Value).ToList();
        if (present.Count == 0) return TableCell.Missing;
        var values = present.Select(m => m.Pct).ToList();
        var n = present.Sum(m => m.N);
        var count = present.All(m => m.Correct is not null) ? $"({present.Sum(m => m.Correct!.Value)}/{n})" : $"(n={n})";
        // One seed has no interval: "± 0.0" would claim a certainty the run did not measure.
        return new TableCell(values.Average(), values.Count > 1 ? SeedStats.Ci95(values) : null, count);
    }

    /// <summary>The difference of two cells' means; its ± combines both intervals as if independent (√(a² + b²)).</summary>
    public static TableCell Delta(TableCell with, TableCell without)
    {
        if (with.Mean is not { } a || without.Mean is not { } b) return TableCell.Missing;
        double? ci = with.Ci is null && without.Ci is null ? null : Math.Sqrt(Math.Pow(with.Ci ?? 0, 2) + Math.Pow(without.Ci ?? 0, 2));
        return new TableCell(a - b, ci, Signed: true);
    }
}
