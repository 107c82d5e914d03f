using System.Text.Json.Serialization;

namespace Memento.Core.Results;

/// <summary>One line of <c>trajectories.jsonl</c>: what the agent answered and planned, and how it was judged.</summary>
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
    [property: JsonPropertyName("grade"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Grade = null)
{
    public static RecordedEpisode From(EpisodeRecord e) =>
        new(e.Episode, e.Iteration, e.Attempt, e.TaskId, e.Answer, e.Plan, e.PromptTokens, e.CompletionTokens, e.Em, e.F1, e.Pm, e.Reward,
            e.JudgeError.Length > 0 ? e.JudgeError : null, e.Grade.Length > 0 ? e.Grade : null);
}
