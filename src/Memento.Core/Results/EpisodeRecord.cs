using CsvHelper;
using Memento.Core.Agents;

namespace Memento.Core.Results;

/// <summary>One row of <c>episodes.csv</c>. Wall-clock figures live only in columns whose names end in <c>_ms</c>,
/// so two runs with one seed compare equal on every other column.</summary>
[CsvRecord]
public sealed partial record EpisodeRecord
{
    [CsvColumn("episode")] public int Episode { get; init; }
    [CsvColumn("iteration")] public int Iteration { get; init; }
    [CsvColumn("attempt")] public int Attempt { get; init; }
    [CsvColumn("task_id")] public string TaskId { get; init; } = "";
    [CsvColumn("source")] public string Source { get; init; } = "";
    [CsvColumn("level")] public string Level { get; init; } = "";
    [CsvColumn("policy")] public string Policy { get; init; } = "";
    [CsvColumn("k")] public int K { get; init; }
    [CsvColumn("bank_size")] public int BankSize { get; init; }
    [CsvColumn("retrieved")] public string Retrieved { get; init; } = "";
    [CsvColumn("retrieved_positive")] public int RetrievedPositive { get; init; }
    [CsvColumn("question")] public string Question { get; init; } = "";
    [CsvColumn("answer")] public string Answer { get; init; } = "";
    /// <summary>The final plan (the case's action); kept in <c>trajectories.jsonl</c> and the case bank, not in the CSV.</summary>
    [CsvIgnore] public string Plan { get; init; } = "";
    [CsvColumn("gold")] public string Gold { get; init; } = "";
    [CsvColumn("reward")] public int Reward { get; init; }
    [CsvColumn("em")] public int Em { get; init; }
    [CsvColumn("f1")] public double F1 { get; init; }
    [CsvColumn("pm")] public string Pm { get; init; } = "";
    /// <summary>The SimpleQA grade (correct, incorrect, not_attempted) when <c>judge.kind: simpleqa</c> graded it, else empty.</summary>
    [CsvColumn("grade")] public string Grade { get; init; } = "";
    /// <summary>Why the judge could not rule; such an episode is unscored and left out of the summaries.</summary>
    [CsvColumn("judge_error")] public string JudgeError { get; init; } = "";
    /// <summary>Tokens of the agent's requests (planner and executor); the judge's are in the judge_ columns.</summary>
    [CsvColumn("prompt_tokens")] public int PromptTokens { get; init; }
    [CsvColumn("completion_tokens")] public int CompletionTokens { get; init; }
    [CsvColumn("judge_prompt_tokens")] public int JudgePromptTokens { get; init; }
    [CsvColumn("judge_completion_tokens")] public int JudgeCompletionTokens { get; init; }
    /// <summary>The episode's cost in USD, agent and judge together; empty when no LLM was used or a model has no price.</summary>
    [CsvColumn("cost_usd")] public decimal? CostUsd { get; init; }
    /// <summary>The two parts of <see cref="CostUsd"/>, kept apart in <c>trajectories.jsonl</c> so a resume can replay them.</summary>
    [CsvIgnore] public decimal? AgentCostUsd { get; init; }
    [CsvIgnore] public decimal? JudgeCostUsd { get; init; }
    /// <summary>The LLM agent's planner cycles and the LLM judge's rationale, for <c>trajectories.jsonl</c> only.</summary>
    [CsvIgnore] public IReadOnlyList<PlannerCycle>? Cycles { get; init; }
    [CsvIgnore] public string? JudgeRationale { get; init; }
    [CsvColumn("read_ms")] public double ReadMs { get; init; }
    [CsvColumn("act_ms")] public double ActMs { get; init; }
}
