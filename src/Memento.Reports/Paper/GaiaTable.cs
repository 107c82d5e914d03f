using Memento.Core.Scoring;

namespace Memento.Reports;

/// <summary>The paper's Table 2 layout: Pass@1 and Pass@n per GAIA level and over all tasks, one row per
/// configuration. Pass@1 is the unbiased estimator over the n attempts (<see cref="PassAtK"/>); Pass@n counts a task
/// solved when any attempt is correct.</summary>
internal static class GaiaTable
{
    private static readonly string[] Levels = ["L1", "L2", "L3"];

    public static PaperTable Build(ResultFolder folder)
    {
        var n = folder.Points.SelectMany(AttemptsOf).Select(t => t.Attempts).DefaultIfEmpty(1).Min();
        var rows = new List<IReadOnlyList<TableCell>>();
        foreach (var (series, points) in PaperTables.BySeries(folder))
        {
            var cells = new List<TableCell> { TableCell.Label(series), TableCell.Label(points.Count.ToString()) };
            foreach (var k in Ks(n))
            {
                foreach (var level in Levels.Append(""))
                    cells.Add(SeedCell.Of(points.Select(p => Measure(p, level, k)).ToList()));
            }
            rows.Add(cells);
        }
        var headers = new List<string> { "Configuration", "Seeds" };
        headers.AddRange(Levels.Append("Avg").Select(l => $"{l} Pass@1"));
        if (n > 1) headers.AddRange(Levels.Append("Avg").Select(l => $"{l} Pass@{n}"));
        return new PaperTable("gaia", $"{folder.Name}: GAIA Pass@1 and Pass@{n} by level (paper Table 2 layout)",
            $"% of tasks at the final iteration, {n} {(n == 1 ? "attempt" : "attempts")} per task. Pass@1 is the unbiased " +
            $"estimator 1 − C(n−c,1)/C(n,1) averaged over tasks; Pass@{n}: any of the {n} attempts correct. Avg pools all " +
            $"tasks (weighted by level size). Mean over seeds; {PaperTables.CiNote}.",
            headers, rows, $"Counts: (correct attempts/attempts) for Pass@1, (tasks solved/tasks) for Pass@{n}, summed over seeds.");
    }

    private static int[] Ks(int n) => n > 1 ? [1, n] : [1];

    private static List<(int Attempts, int Correct, string Level)> AttemptsOf(ResultPoint point) =>
        point.Final.GroupBy(e => e.TaskId)
            .Select(g => (g.Count(), g.Count(e => e.Reward > 0), LevelName(g.First().Level))).ToList();

    private static SeedCell.Measure? Measure(ResultPoint point, string level, int k)
    {
        var tasks = AttemptsOf(point).Where(t => level == "" || t.Level == level).ToList();
        if (tasks.Count == 0) return null;
        var pct = 100.0 * PassAtK.Mean(tasks.Select(t => (t.Attempts, t.Correct)), Math.Min(k, tasks.Min(t => t.Attempts)));
        return k == 1
            ? new SeedCell.Measure(pct, tasks.Sum(t => t.Correct), tasks.Sum(t => t.Attempts))
            : new SeedCell.Measure(pct, tasks.Count(t => t.Correct > 0), tasks.Count);
    }

    internal static string LevelName(string level)
    {
        var digits = new string(level.Where(char.IsDigit).ToArray());
        return digits.Length > 0 ? $"L{digits}" : level;
    }
}
