using CsvHelper;
using Memento.Core.Agents;
using Memento.Core.Loop;
using Memento.Core.Scoring;
using Memento.Core.Tasks;

namespace Memento.Core.Results;

/// <summary>One row of <c>episodes.csv</c>: an <see cref="Episode"/> flattened for the table (<see cref="From"/>), and
/// read back by the reports. Wall-clock figures live only in columns whose names end in <c>_ms</c>, so two runs with
/// one seed compare equal on every other column — but for what a rerun served from the response cache did not spend
/// (<c>cost_usd</c>, <c>cache_hits</c>). An unscored episode (the agent or judge failed, or the gold answer is hidden)
/// has empty metric cells (<c>reward</c>, <c>em</c>, <c>f1</c>, <c>pm</c>): it is in no metric's denominator.</summary>
[CsvRecord]
public sealed partial record EpisodeRecord
{
    [CsvColumn("episode")] public int Episode { get; init; }
    [CsvColumn("iteration")] public int Iteration { get; init; }
    [CsvColumn("attempt")] public int Attempt { get; init; }
    [CsvColumn("task_id")] public string TaskId { get; init; } = "";
    [CsvColumn("source")] public string Source { get; init; } = "";
    [CsvColumn("level")] public string Level { get; init; } = "";
    /// <summary>The GAIA level as a number, null when the task has none.</summary>
    [CsvIgnore] public int? LevelNumber => int.TryParse(Level, out var level) ? level : null;
    [CsvColumn("policy")] public string Policy { get; init; } = "";
    [CsvColumn("k")] public int K { get; init; }
    [CsvColumn("bank_size")] public int BankSize { get; init; }
    [CsvColumn("retrieved")] public string Retrieved { get; init; } = "";
    [CsvColumn("retrieved_positive")] public int RetrievedPositive { get; init; }
    [CsvColumn("question")] public string Question { get; init; } = "";
    [CsvColumn("answer")] public string Answer { get; init; } = "";
    [CsvColumn("gold")] public string Gold { get; init; } = "";
    /// <summary>The reward (1 / 0); empty when the episode is unscored. Logs written before that rule hold 0 there, so
    /// filter on <see cref="IsScored"/>, never on the value.</summary>
    [CsvColumn("reward")] public int? Reward { get; init; }
    [CsvColumn("em")] public int? Em { get; init; }
    [CsvColumn("f1")] public double? F1 { get; init; }
    /// <summary>The LLM judge's partial match (1 / 0), empty when no PM judge ruled.</summary>
    [CsvColumn("pm"), CsvConverter(typeof(BinaryFlagConverter))] public bool? Pm { get; init; }
    /// <summary>The SimpleQA grade (correct, incorrect, not_attempted) when <c>judge.kind: simpleqa</c> graded it, else empty.</summary>
    [CsvColumn("grade")] public string Grade { get; init; } = "";
    /// <summary>Why the judge could not rule; such an episode is unscored and left out of the summaries.</summary>
    [CsvColumn("judge_error")] public string JudgeError { get; init; } = "";
    /// <summary>The kind of agent or judge error (auth, bad_request, context_length, ..., judge) when the episode failed, else empty.</summary>
    [CsvColumn("error_kind", Optional = true)] public string ErrorKind { get; init => field = value ?? ""; } = "";
    /// <summary>Which box failed when <see cref="ErrorKind"/> is set: <c>agent</c> or <c>judge</c>.</summary>
    [CsvColumn("error_box", Optional = true)] public string ErrorBox { get; init => field = value ?? ""; } = "";
    /// <summary>Tokens of the agent's requests (planner and executor); the judge's are in the judge_ columns.</summary>
    [CsvColumn("prompt_tokens")] public int PromptTokens { get; init; }
    [CsvColumn("completion_tokens")] public int CompletionTokens { get; init; }
    [CsvColumn("judge_prompt_tokens")] public int JudgePromptTokens { get; init; }
    [CsvColumn("judge_completion_tokens")] public int JudgeCompletionTokens { get; init; }
    /// <summary>What the episode spent in USD, agent and judge together (responses from the cache cost nothing); empty when
    /// no LLM was used or a model without a price answered (a request that got no reply cost nothing).</summary>
    [CsvColumn("cost_usd")] public decimal? CostUsd { get; init; }
    /// <summary>The episode's cost with the responses served from the cache priced as if sent (empty in logs written
    /// before it was recorded).</summary>
    [CsvColumn("cost_with_hits_usd", Optional = true)] public decimal? CostWithHitsUsd { get; init; }
    /// <summary>The agent's LLM responses the response cache served instead of a request.</summary>
    [CsvColumn("cache_hits", Optional = true)] public int CacheHits { get; init; }
    /// <summary>The judge's verdicts the response cache served (an identical question, gold and answer asked before).</summary>
    [CsvColumn("judge_cache_hits", Optional = true)] public int JudgeCacheHits { get; init; }
    /// <summary>The executor's tool calls, and how many of them failed (the tool refused, its backend failed, it threw).</summary>
    [CsvColumn("tool_calls", Optional = true)] public int ToolCalls { get; init; }
    [CsvColumn("tool_errors", Optional = true)] public int ToolErrors { get; init; }
    [CsvColumn("read_ms")] public double ReadMs { get; init; }
    [CsvColumn("act_ms")] public double ActMs { get; init; }

    /// <summary>False when the judge could not rule (<see cref="JudgeError"/> says why): left out of every score.</summary>
    [CsvIgnore] public bool IsScored => JudgeError.Length == 0;


    /// <summary>The values of <see cref="ErrorBox"/>.</summary>
    public const string AgentBox = "agent", JudgeBox = "judge";

    public static EpisodeRecord From(Episode e) => WithUsage(e, LlmUsage.OfEpisode(e.Result.Usage, e.Judgement.Usage));

    private static EpisodeRecord WithUsage(Episode e, LlmUsage? usage) => new()
    {
        Episode = e.Number,
        Iteration = e.Iteration,
        Attempt = e.Attempt,
        TaskId = e.Task.Id,
        Source = e.Task.Source,
        Level = e.Task.Level?.ToString() ?? "",
        Policy = e.Read.Policy,
        K = e.Read.K,
        BankSize = e.Read.BankSize,
        Retrieved = string.Join(';', e.Read.Cases.Select(c => c.Id)),
        RetrievedPositive = e.Read.Cases.Count(c => c.Reward == 1),
        Question = e.Task.Question,
        Answer = e.Result.Answer,
        Gold = string.Join(QaTask.AnswerSplit, e.Task.GoldAnswers),
        Reward = e.IsScored ? e.Reward ?? 0 : null,
        JudgeError = e.Judgement.JudgeError ?? "",
        ErrorKind = e.Judgement.ErrorKind ?? "",
        ErrorBox = e.Result.Error is not null ? AgentBox : e.Judgement.ErrorKind is not null ? JudgeBox : "",
        Em = e.IsScored ? e.Judgement.ExactMatch ? 1 : 0 : null,
        F1 = e.IsScored ? e.Judgement.F1 : null,
        Pm = e.Judgement.PartialMatch,
        Grade = SimpleQaMetrics.ToName(e.Judgement.Grade),
        PromptTokens = e.Result.Usage?.PromptTokens ?? 0,
        CompletionTokens = e.Result.Usage?.CompletionTokens ?? 0,
        JudgePromptTokens = e.Judgement.Usage?.PromptTokens ?? 0,
        JudgeCompletionTokens = e.Judgement.Usage?.CompletionTokens ?? 0,
        CostUsd = usage?.CostUsd,
        CostWithHitsUsd = usage?.CostWithHitsUsd,
        CacheHits = e.Result.Usage?.CacheHits ?? 0,
        JudgeCacheHits = e.Judgement.Usage?.CacheHits ?? 0,
        ToolCalls = e.Result.ToolCalls.Count(),
        ToolErrors = e.Result.ToolCalls.Count(c => c.Failed),
        ReadMs = Math.Round(e.Timings.ReadMs, 3),
        ActMs = Math.Round(e.Timings.ActMs, 3),
    };
}
