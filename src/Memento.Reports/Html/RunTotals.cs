using Memento.Core.Results;

namespace Memento.Reports.Html;

/// <summary>The totals of a results folder over all its runs: episodes, how many were scored and correct, why the
/// others were not, tokens per box, tool calls and how many failed, and the costs — what was spent and what it costs with the cache hits priced — each
/// known only when every episode has it.</summary>
internal sealed record RunTotals(
    int Episodes, int Scored, int Correct, IReadOnlyList<(string Reason, int Count)> Unscored,
    long PromptTokens, long CompletionTokens, long JudgePromptTokens, long JudgeCompletionTokens,
    decimal? CostUsd, int EpisodesWithoutCost, decimal? CostWithHitsUsd, long CacheHits, long ToolCalls, long ToolErrors)
{
    public static RunTotals Of(IEnumerable<EpisodeRecord> episodes)
    {
        var list = episodes.ToList();
        var scored = list.Where(e => e.JudgeError.Length == 0).ToList();
        var unpriced = list.Count(e => e.CostUsd is null);
        return new RunTotals(
            list.Count, scored.Count, scored.Count(e => e.Reward > 0),
            list.Where(e => e.JudgeError.Length > 0).GroupBy(e => e.JudgeError)
                .Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ToList(),
            list.Sum(e => (long)e.PromptTokens), list.Sum(e => (long)e.CompletionTokens),
            list.Sum(e => (long)e.JudgePromptTokens), list.Sum(e => (long)e.JudgeCompletionTokens),
            unpriced == 0 && list.Count > 0 ? list.Sum(e => e.CostUsd!.Value) : null, unpriced,
            list.Count > 0 && list.All(e => e.CostWithHitsUsd is not null) ? list.Sum(e => e.CostWithHitsUsd!.Value) : null,
            list.Sum(e => (long)e.CacheHits + e.JudgeCacheHits),
            list.Sum(e => (long)e.ToolCalls), list.Sum(e => (long)e.ToolErrors));
    }

    /// <summary>No episode called a priced model: a simulator or replay run, whose cost is not a number at all.</summary>
    public bool NoCostRecorded => EpisodesWithoutCost == Episodes;
}
