using CsvHelper;
using Memento.Core.Scoring;

namespace Memento.Core.Results;

/// <summary>One row of <c>passk_iterations.csv</c>: the share of tasks solved (reward = 1 in any attempt) in any of the
/// first k iterations, per group (all, each source, each GAIA level; a source that is one level, as GAIA's
/// <c>gaia-L1</c> is <c>L1</c>, is listed once, as the level). With memory built from empty over three
/// iterations of one attempt each, k = 3 is the paper's GAIA-validation "Pass@3" in its iterations reading. Not the
/// attempts-based pass@k of <c>passk.csv</c>: memory changes between iterations, so these are not k exchangeable
/// draws, and the <c>measure</c> column says so.</summary>
[CsvRecord]
public sealed partial record IterationPassCsvRow
{
    public const string MeasureLabel = "solved in any of the first k iterations (any attempt)";

    [CsvColumn("k_iterations")] public int KIterations { get; init; }
    [CsvColumn("group")] public string Group { get; init; } = "";
    [CsvColumn("tasks")] public int Tasks { get; init; }
    [CsvColumn("solved")] public int Solved { get; init; }
    [CsvColumn("solved_pct")] public double SolvedPct { get; init; }
    [CsvColumn("measure")] public string Measure { get; init; } = MeasureLabel;

    public static IReadOnlyList<IterationPassCsvRow> From(IEnumerable<EpisodeRecord> episodes)
    {
        var scored = episodes.Where(e => e.IsScored).ToList();
        if (scored.Count == 0) return [];
        var groups = new List<(string Name, Func<EpisodeRecord, bool> Has)> { ("all", _ => true) };
        groups.AddRange(scored.Select(e => e.Source).Distinct().Order(StringComparer.Ordinal)
            .Where(s => !AttemptAggregates.IsOneLevel(scored, e => e.Source, e => e.LevelNumber, s))
            .Select(s => (s, (Func<EpisodeRecord, bool>)(e => e.Source == s))));
        groups.AddRange(scored.Where(e => e.Level != "").Select(e => e.Level).Distinct().Order(StringComparer.Ordinal)
            .Select(l => ("L" + l, (Func<EpisodeRecord, bool>)(e => e.Level == l))));
        var iterations = scored.Max(e => e.Iteration);
        var rows = new List<IterationPassCsvRow>();
        for (var k = 1; k <= iterations; k++)
            foreach (var (name, has) in groups)
            {
                var inGroup = scored.Where(has).ToList();
                var tasks = inGroup.Select(e => e.TaskId).Distinct().Count();
                var solved = inGroup.Where(e => e.Iteration <= k && e.Reward == 1).Select(e => e.TaskId).Distinct().Count();
                rows.Add(new IterationPassCsvRow
                {
                    KIterations = k, Group = name, Tasks = tasks, Solved = solved,
                    SolvedPct = Math.Round(100.0 * solved / tasks, 4),
                });
            }
        return rows;
    }
}
