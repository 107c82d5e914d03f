using CsvHelper;
using Memento.Core.Scoring;

namespace Memento.Core.Results;

/// <summary>One row of <c>passk.csv</c>: pass@k of one iteration and group (all, a source, a GAIA level, or the plain
/// mean of sources) for every k up to the attempts per task, with the integer count of tasks solved by any attempt.
/// Attempts-based: k attempts at a task within one iteration. "Solved in any of the first k iterations" is another
/// measure, in <c>passk_iterations.csv</c> (<see cref="IterationPassCsvRow"/>); the <c>measure</c> column says which.</summary>
[CsvRecord]
public sealed partial record PassAtKCsvRow
{
    [CsvColumn("iteration")] public int Iteration { get; init; }
    [CsvColumn("group")] public string Group { get; init; } = "";
    [CsvColumn("tasks")] public int Tasks { get; init; }
    [CsvColumn("attempts")] public int Attempts { get; init; }
    [CsvColumn("k")] public int K { get; init; }
    [CsvColumn("pass_at_k_pct")] public double PassAtKPct { get; init; }
    [CsvColumn("solved_any")] public int SolvedAny { get; init; }
    [CsvColumn("weighting")] public string Weighting { get; init; } = "";
    [CsvColumn("measure")] public string Measure { get; init; } = AttemptsMeasure;

    /// <summary>The <c>measure</c> label of every row of this file.</summary>
    public const string AttemptsMeasure = "pass@k over k attempts within the iteration (unbiased estimator)";

    public static IReadOnlyList<PassAtKCsvRow> From(IEnumerable<EpisodeRecord> episodes) =>
        episodes.Where(e => e.IsScored).GroupBy(e => e.Iteration).OrderBy(g => g.Key).SelectMany(iteration =>
            AttemptAggregates.PassAtKTable(iteration.Select(e =>
                    new AttemptRecord(e.TaskId, e.Source, e.LevelNumber, e.Reward == 1)))
                .Select(r => new PassAtKCsvRow
                {
                    Iteration = iteration.Key,
                    Group = r.Group,
                    Tasks = r.Tasks,
                    Attempts = r.Attempts,
                    K = r.K,
                    PassAtKPct = Math.Round(100 * r.PassAtK, 4),
                    SolvedAny = r.Solved,
                    Weighting = r.Weighting,
                }))
            .ToList();
}
