using Memento.Core.Scoring;

namespace Memento.Reports;

/// <summary>The paper's Table 4 layout: one row per memory design, one column per iteration — accuracy of that
/// iteration, and cumulative accuracy (share of tasks solved in any iteration so far).</summary>
internal static class ContinualTable
{
    public static PaperTable PerIteration(ResultFolder folder)
    {
        var iterations = folder.Iterations;
        var rows = PaperTables.BySeries(folder).Select(x =>
        {
            var cells = new List<TableCell> { TableCell.Label(x.Series), TableCell.Label(x.Points.Count.ToString()) };
            cells.AddRange(iterations.Select(i => SeedCell.Of(x.Points
                .Select(p => EpisodeMetrics.Accuracy(p.Scored.Where(e => e.Iteration == i).ToList())).ToList())));
            return (IReadOnlyList<TableCell>)cells;
        }).ToList();
        BoldBestLast(rows);
        return new PaperTable("continual", $"{folder.Name}: accuracy per iteration (paper Table 4 layout)",
            $"Accuracy % (reward = 1) over the scored episodes of each iteration, pooled over sources, mean over seeds; {PaperTables.CiNote}. " +
            "Bold: best at the last iteration.",
            Headers(iterations), rows, "Counts: (correct/n) summed over seeds.");
    }

    public static PaperTable Cumulative(ResultFolder folder)
    {
        var iterations = folder.Iterations;
        var rows = PaperTables.BySeries(folder).Select(x =>
        {
            var perSeed = x.Points.Select(CumulativePerIteration).ToList();
            var cells = new List<TableCell> { TableCell.Label(x.Series), TableCell.Label(x.Points.Count.ToString()) };
            cells.AddRange(iterations.Select((_, j) => SeedCell.Of(perSeed.Select(s => j < s.Count ? s[j] : null).ToList())));
            return (IReadOnlyList<TableCell>)cells;
        }).ToList();
        BoldBestLast(rows);
        return new PaperTable("continual_cumulative", $"{folder.Name}: cumulative accuracy by iteration",
            $"Share (%) of the distinct tasks solved (reward = 1) in at least one iteration up to this one, mean over seeds; " +
            $"{PaperTables.CiNote}. Bold: best at the last iteration.",
            Headers(iterations), rows, "Counts: (tasks solved/tasks) summed over seeds.");
    }

    private static List<SeedCell.Measure?> CumulativePerIteration(ResultPoint point)
    {
        var tasks = point.Scored.Select(e => e.TaskId).Distinct().Count();
        var byIteration = point.Scored.GroupBy(e => e.Iteration).OrderBy(g => g.Key)
            .Select(g => g.Select(e => (e.TaskId, e.Reward > 0)));
        return AttemptAggregates.CumulativeSolved(byIteration)
            .Select(solved => (SeedCell.Measure?)new SeedCell.Measure(100.0 * solved / tasks, solved, tasks)).ToList();
    }

    private static List<string> Headers(IReadOnlyList<int> iterations) =>
        ["Memory design", "Seeds", .. iterations.Select(i => $"Iter. {i}")];

    internal static void BoldBestLast(List<IReadOnlyList<TableCell>> rows)
    {
        if (rows.Count < 2) return;
        var last = rows[0].Count - 1;
        var best = rows.Select(r => r[last].Mean ?? double.NegativeInfinity).Max();
        for (var i = 0; i < rows.Count; i++)
            if (rows[i][last].Mean is { } m && m == best)
                rows[i] = [.. rows[i].Take(last), rows[i][last] with { Bold = true }];
    }
}
