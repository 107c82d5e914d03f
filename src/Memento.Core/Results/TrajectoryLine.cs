using System.Text.Json;
using System.Text.Json.Serialization;
using Memento.Core.Agents;
using Memento.Core.Judging;
using Memento.Core.Loop;

namespace Memento.Core.Results;

/// <summary>One line of <c>trajectories.jsonl</c>: the episode's identity, the agent's <see cref="AgentResult"/> (answer,
/// plan, usage and — for LLM episodes — the planner cycles with their tool calls) and the <see cref="Judgement"/> (with an
/// LLM judge's rationale and usage), both as they were, so a resume or a replay reads back the very same values.
/// Null fields are left out, so simulator lines stay short.</summary>
public sealed record TrajectoryLine(
    [property: JsonPropertyName("episode")] int Episode,
    [property: JsonPropertyName("iteration")] int Iteration,
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("agent")] AgentResult Agent,
    [property: JsonPropertyName("judgement")] Judgement Judgement,
    [property: JsonPropertyName("reward")] int? Reward)
{
    public static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static TrajectoryLine Of(Episode e) => new(e.Number, e.Iteration, e.Attempt, e.Task.Id, e.Result, e.Judgement, e.Reward);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a line; throws <see cref="JsonException"/> when it is not one.</summary>
    public static TrajectoryLine Parse(string line) => Checked(JsonSerializer.Deserialize<TrajectoryLine>(line, Json));

    /// <inheritdoc cref="Parse(string)"/>
    public static TrajectoryLine Parse(JsonElement row) => Checked(row.Deserialize<TrajectoryLine>(Json));

    private static TrajectoryLine Checked(TrajectoryLine? line) =>
        line is { Agent: not null, Judgement: not null, TaskId: not null }
            ? line : throw new JsonException("not a trajectory line (episode, iteration, attempt, task_id, agent, judgement)");
}
