using CsvHelper;
using Memento.Core.Scoring;

namespace Memento.Core.Results;

/// <summary>One row of <c>summary.csv</c>: one iteration × source (source <c>all</c> pools every source).
/// Percentages are of the <see cref="N"/> scored episodes (pooled: each source weighs by its episodes) — an unscored
/// episode (its agent or judge failed, or its gold answer is hidden) is in no denominator and counted in
/// <see cref="Unscored"/>, so the row covers N + unscored episodes; <see cref="Correct"/>
/// counts reward = 1. <see cref="SolvedSoFar"/> counts distinct tasks solved in any episode of this or an earlier
/// iteration, out of <see cref="Tasks"/>. The <c>simpleqa_*</c> columns hold SimpleQA's metrics over the graded
/// episodes (<c>judge.kind: simpleqa</c>) with the grade counts behind them; they are empty for other judges. Tokens,
/// costs and cache hits (the agent's in <see cref="CacheHits"/>, the judge's in <see cref="JudgeCacheHits"/>) sum every episode of the row's iteration and source, unscored ones included (they were paid
/// for); a cost is empty unless every one of those episodes has it. <see cref="CostUsd"/> is what was spent (cache
/// hits free), tool calls and their failures likewise; <see cref="CostWithHitsUsd"/> the experiment's cost with the <see cref="CacheHits"/> priced as if sent. <see cref="Errors"/> counts the episodes whose agent or judge
/// failed, by kind in <see cref="ErrorsByKind"/>.</summary>
[CsvRecord]
public sealed partial record SummaryRow
{
    public const string AllSources = "all";

    [CsvColumn("iteration")] public int Iteration { get; init; }
    [CsvColumn("source")] public string Source { get; init; } = "";
    [CsvColumn("n")] public int N { get; init; }
    [CsvColumn("correct")] public int Correct { get; init; }
    [CsvColumn("accuracy_pct")] public double AccuracyPct { get; init; }
    [CsvColumn("em_pct")] public double EmPct { get; init; }
    [CsvColumn("f1_pct")] public double F1Pct { get; init; }
    [CsvColumn("tasks")] public int Tasks { get; init; }
    [CsvColumn("solved_so_far")] public int SolvedSoFar { get; init; }
    [CsvColumn("solved_so_far_pct")] public double SolvedSoFarPct { get; init; }
    [CsvColumn("simpleqa_correct")] public int? SimpleQaCorrect { get; init; }
    [CsvColumn("simpleqa_incorrect")] public int? SimpleQaIncorrect { get; init; }
    [CsvColumn("simpleqa_not_attempted")] public int? SimpleQaNotAttempted { get; init; }
    [CsvColumn("simpleqa_accuracy_pct")] public double? SimpleQaAccuracyPct { get; init; }
    [CsvColumn("simpleqa_accuracy_given_attempted_pct")] public double? SimpleQaAccuracyGivenAttemptedPct { get; init; }
    [CsvColumn("simpleqa_f1_pct")] public double? SimpleQaF1Pct { get; init; }
    [CsvColumn("prompt_tokens")] public long PromptTokens { get; init; }
    [CsvColumn("completion_tokens")] public long CompletionTokens { get; init; }
    [CsvColumn("judge_prompt_tokens")] public long JudgePromptTokens { get; init; }
    [CsvColumn("judge_completion_tokens")] public long JudgeCompletionTokens { get; init; }
    [CsvColumn("cost_usd")] public decimal? CostUsd { get; init; }
    [CsvColumn("cost_with_hits_usd", Optional = true)] public decimal? CostWithHitsUsd { get; init; }
    [CsvColumn("cache_hits", Optional = true)] public int CacheHits { get; init; }
    [CsvColumn("judge_cache_hits", Optional = true)] public int JudgeCacheHits { get; init; }
    /// <summary>The executor's tool calls of the row's episodes, and the failed ones among them.</summary>
    [CsvColumn("tool_calls", Optional = true)] public int ToolCalls { get; init; }
    [CsvColumn("tool_errors", Optional = true)] public int ToolErrors { get; init; }
    /// <summary>Episodes of the row left unscored (not in <see cref="N"/>): failed ones and those with a hidden gold answer.</summary>
    [CsvColumn("unscored", Optional = true)] public int Unscored { get; init; }
    /// <summary>Episodes of the row whose agent or judge failed (unscored, not in <see cref="N"/>).</summary>
    [CsvColumn("errors", Optional = true)] public int Errors { get; init; }
    /// <summary>Those episodes by error kind, e.g. <c>bad_request=2;timeout=1</c>.</summary>
    [CsvColumn("errors_by_kind", Optional = true)] public string ErrorsByKind { get; init => field = value ?? ""; } = "";

    public static IReadOnlyList<SummaryRow> From(IEnumerable<EpisodeRecord> episodes)
    {
        // Unscored episodes (the judge failed) are neither right nor wrong: they are left out of every figure but cost.
        var all = episodes.ToList();
        var list = all.Where(e => e.IsScored).ToList();
        var rows = new List<SummaryRow>();
        var solved = new HashSet<string>();
        foreach (var iteration in list.Select(e => e.Iteration).Distinct().Order())
        {
            var inIteration = list.Where(e => e.Iteration == iteration).ToList();
            solved.UnionWith(inIteration.Where(e => e.Reward == 1).Select(e => e.TaskId));
            var paid = all.Where(e => e.Iteration == iteration).ToList();
            foreach (var source in inIteration.Select(e => e.Source).Distinct().Order(StringComparer.Ordinal))
                rows.Add(WithUsage(Of(iteration, source, inIteration.Where(e => e.Source == source).ToList(), solved), paid.Where(e => e.Source == source)));
            rows.Add(WithUsage(Of(iteration, AllSources, inIteration, solved), paid));
        }
        return rows;
    }

    private static SummaryRow Of(int iteration, string source, IReadOnlyList<EpisodeRecord> episodes, HashSet<string> solvedSoFar)
    {
        var tasks = episodes.Select(e => e.TaskId).ToHashSet();
        var solved = tasks.Count(solvedSoFar.Contains);
        return Counts(iteration, source, episodes) with
        {
            Tasks = tasks.Count,
            SolvedSoFar = solved,
            SolvedSoFarPct = Math.Round(100.0 * solved / tasks.Count, 4),
        };
    }

    private static SummaryRow WithUsage(SummaryRow row, IEnumerable<EpisodeRecord> episodes)
    {
        var list = episodes.ToList();
        return row with
        {
            PromptTokens = list.Sum(e => (long)e.PromptTokens),
            CompletionTokens = list.Sum(e => (long)e.CompletionTokens),
            JudgePromptTokens = list.Sum(e => (long)e.JudgePromptTokens),
            JudgeCompletionTokens = list.Sum(e => (long)e.JudgeCompletionTokens),
            CostUsd = list.All(e => e.CostUsd is not null) ? list.Sum(e => e.CostUsd) : null,
            CostWithHitsUsd = list.All(e => e.CostWithHitsUsd is not null) ? list.Sum(e => e.CostWithHitsUsd) : null,
            CacheHits = list.Sum(e => e.CacheHits),
            JudgeCacheHits = list.Sum(e => e.JudgeCacheHits),
            Unscored = list.Count(e => !e.IsScored),
            ToolCalls = list.Sum(e => e.ToolCalls),
            ToolErrors = list.Sum(e => e.ToolErrors),
            Errors = list.Count(e => e.ErrorKind.Length > 0),
            ErrorsByKind = ByKind(list),
        };
    }

    /// <summary>Errored episodes by kind, most frequent first: <c>bad_request=2;timeout=1</c> (empty when none).</summary>
    public static string ByKind(IEnumerable<EpisodeRecord> episodes) => string.Join(';',
        episodes.Where(e => e.ErrorKind.Length > 0).GroupBy(e => e.ErrorKind)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"));

    private static SummaryRow Counts(int iteration, string source, IReadOnlyList<EpisodeRecord> episodes) => WithSimpleQa(new()
    {
        Iteration = iteration,
        Source = source,
        N = episodes.Count,
        Correct = episodes.Sum(e => e.Reward ?? 0),   // scored episodes only: every metric is present
        AccuracyPct = Math.Round(100.0 * episodes.Average(e => e.Reward ?? 0), 4),
        EmPct = Math.Round(100.0 * episodes.Average(e => e.Em ?? 0), 4),
        F1Pct = Math.Round(100.0 * episodes.Average(e => e.F1 ?? 0), 4),
    }, episodes);

    private static SummaryRow WithSimpleQa(SummaryRow row, IReadOnlyList<EpisodeRecord> episodes)
    {
        var grades = episodes.Select(e => SimpleQaMetrics.FromName(e.Grade)).OfType<SimpleQaGrade>().ToList();
        if (grades.Count == 0) return row;
        var m = SimpleQaMetrics.From(grades);
        return row with
        {
            SimpleQaCorrect = m.Correct,
            SimpleQaIncorrect = m.Incorrect,
            SimpleQaNotAttempted = m.NotAttempted,
            SimpleQaAccuracyPct = Math.Round(100 * m.Accuracy, 4),
            SimpleQaAccuracyGivenAttemptedPct = Math.Round(100 * m.AccuracyGivenAttempted, 4),
            SimpleQaF1Pct = Math.Round(100 * m.F1, 4),
        };
    }
}
