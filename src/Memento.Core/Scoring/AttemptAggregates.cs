namespace Memento.Core.Scoring;

/// <summary>One judged attempt at a task (one of <c>schedule.attempts</c>, or one iteration when iterations are
/// treated as attempts).</summary>
public sealed record AttemptRecord(string TaskId, string Source, int? Level, bool Correct);

/// <summary>pass@k of one group of tasks. <see cref="Solved"/> counts tasks with at least one correct attempt (the
/// integer behind pass@n); <see cref="Weighting"/> says how the figure pools tasks: "tasks" (every task weighs the
/// same, i.e. weighted by group size) or "groups" (the plain mean of the per-source figures).</summary>
public sealed record PassAtKRow(string Group, int Tasks, int Attempts, int K, double PassAtK, int Solved, string Weighting);

/// <summary>Honest aggregates over repeated attempts (docs/design.md §5): pass@k for every k ≤ n by the unbiased estimator,
/// overall, per source and per GAIA level (L1/L2/L3), each with integer counts; and the cumulative number of tasks
/// solved in any iteration so far.</summary>
public static class AttemptAggregates
{
    public const string All = "all";
    public const string MeanOfSources = "mean-of-sources";

    /// <summary>Rows for k = 1..n (n = the smallest attempt count of any task): "all" (pooled over tasks), each source,
    /// each level ("L1".."L3", when tasks have levels), and "mean-of-sources" (plain mean of the per-source figures).
    /// A source that is one level under another name (GAIA's <c>gaia-L1</c> is <c>L1</c>) has no row of its own.</summary>
    public static IReadOnlyList<PassAtKRow> PassAtKTable(IEnumerable<AttemptRecord> attempts)
    {
        var tasks = attempts
            .GroupBy(a => a.TaskId)
            .Select(g => (Source: g.First().Source, Level: g.First().Level, Attempts: g.Count(), Correct: g.Count(a => a.Correct)))
            .ToList();
        if (tasks.Count == 0) return [];
        var n = tasks.Min(t => t.Attempts);
        var levelSources = tasks.Select(t => t.Source).Distinct().Where(s => IsOneLevel(tasks, t => t.Source, t => t.Level, s)).ToHashSet();
        var rows = new List<PassAtKRow>();
        for (var k = 1; k <= n; k++)
        {
            rows.Add(Row(All, tasks, k, "tasks"));
            var sourceRows = tasks.GroupBy(t => t.Source).Select(g => Row(g.Key, g.ToList(), k, "tasks")).ToList();
            rows.AddRange(sourceRows.Where(r => !levelSources.Contains(r.Group)));
            foreach (var level in tasks.Where(t => t.Level is not null).GroupBy(t => t.Level!.Value).OrderBy(g => g.Key))
                rows.Add(Row($"L{level.Key}", level.ToList(), k, "tasks"));
            if (sourceRows.Count > 1)
                rows.Add(new PassAtKRow(MeanOfSources, tasks.Count, n, k, sourceRows.Average(r => r.PassAtK), sourceRows.Sum(r => r.Solved), "groups"));
        }
        return rows;
    }

    /// <summary>Whether the items of <paramref name="source"/> are exactly the items of one level (all of them have that
    /// level, and no item of another source has it): GAIA's sources <c>gaia-L1</c>..<c>gaia-L3</c> are its levels, and a
    /// table lists such a group once, as the level.</summary>
    public static bool IsOneLevel<T>(IReadOnlyCollection<T> items, Func<T, string> sourceOf, Func<T, int?> levelOf, string source)
    {
        var levels = items.Where(i => sourceOf(i) == source).Select(levelOf).Distinct().ToList();
        return levels is [{ } level] && items.Where(i => levelOf(i) == level).All(i => sourceOf(i) == source);
    }

    /// <summary>After each iteration, how many distinct tasks have been solved in any iteration so far.</summary>
    public static IReadOnlyList<int> CumulativeSolved(IEnumerable<IEnumerable<(string TaskId, bool Correct)>> iterations)
    {
        var solved = new HashSet<string>();
        var counts = new List<int>();
        foreach (var iteration in iterations)
        {
            foreach (var (id, correct) in iteration)
                if (correct) solved.Add(id);
            counts.Add(solved.Count);
        }
        return counts;
    }

    private static PassAtKRow Row(string group, IReadOnlyList<(string Source, int? Level, int Attempts, int Correct)> tasks, int k, string weighting) =>
        new(group, tasks.Count, tasks.Min(t => t.Attempts), k,
            PassAtK.Mean(tasks.Select(t => (t.Attempts, t.Correct)), k),
            tasks.Count(t => t.Correct > 0), weighting);
}
