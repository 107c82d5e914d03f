using System.Text.Json.Serialization;
using Memento.Core.Agents;

namespace Memento.Core.Results;

/// <summary>One line of <c>trajectories.jsonl</c>: what the agent answered and planned, how it was judged, the tokens
/// and cost of both, and — for LLM episodes — the planner cycles (subtasks, tool calls with arguments and shortened
/// results) and the judge's rationale. Fields an episode does not have are left out, so simulator lines stay short.</summary>
public sealed record RecordedEpisode(
    [property: JsonPropertyName("episode")] int Episode,
    [property: JsonPropertyName("iteration")] int Iteration,
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("plan")] string Plan,
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens,
    [property: JsonPropertyName("em")] int Em,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("pm")] string Pm,
    [property: JsonPropertyName("reward")] int Reward,
    [property: JsonPropertyName("judge_error")] string? JudgeError = null,
    [property: JsonPropertyName("grade"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Grade = null,
    [property: JsonPropertyName("judge_prompt_tokens"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int JudgePromptTokens = 0,
    [property: JsonPropertyName("judge_completion_tokens"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int JudgeCompletionTokens = 0,
    [property: JsonPropertyName("agent_cost_usd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? AgentCostUsd = null,
    [property: JsonPropertyName("judge_cost_usd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? JudgeCostUsd = null,
    [property: JsonPropertyName("judge_rationale"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? JudgeRationale = null,
    [property: JsonPropertyName("cycles"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PlannerCycle>? Cycles = null)
{
    public static RecordedEpisode From(EpisodeRecord e) =>
        new(e.Episode, e.Iteration, e.Attempt, e.TaskId, e.Answer, e.Plan, e.PromptTokens, e.CompletionTokens, e.Em, e.F1, e.Pm, e.Reward,
            e.JudgeError.Length > 0 ? e.JudgeError : null, e.Grade.Length > 0 ? e.Grade : null, e.JudgePromptTokens, e.JudgeCompletionTokens, e.AgentCostUsd, e.JudgeCostUsd,
            e.JudgeRationale, e.Cycles);

    [JsonIgnore] public LlmUsage? AgentUsage => LlmUsage.Recorded(PromptTokens, CompletionTokens, AgentCostUsd);
    [JsonIgnore] public LlmUsage? JudgeUsage => LlmUsage.Recorded(JudgePromptTokens, JudgeCompletionTokens, JudgeCostUsd);
}
