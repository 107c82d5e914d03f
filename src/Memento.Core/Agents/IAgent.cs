using System.Text.Json.Serialization;
using Memento.Core.Loop;
using Memento.Core.Memory;
using Memento.Core.Tasks;

namespace Memento.Core.Agents;

/// <summary>One episode's input: the task, the retrieved cases, which attempt (Pass@k) of which iteration of which
/// run seed this is, and a private RNG. Iteration, attempt and seed tell logically distinct samples of one task apart:
/// an LLM agent's cached responses are keyed by them.</summary>
public sealed record AgentRequest(QaTask Task, IReadOnlyList<Case> Cases, int Attempt, Random Rng, int Iteration = 1, int Seed = 1);

/// <summary>The agent's final answer and plan (the case's action); for a real LLM also its token usage and cost and the
/// planner cycles that led there (null for the simulator, which keeps its trajectories small); <see cref="Error"/> when
/// its requests failed.
/// The JSON names are those of the <c>agent</c> object of <c>trajectories.jsonl</c>, which a resume reads back.</summary>
public sealed record AgentResult(
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("plan")] string Plan,
    [property: JsonPropertyName("usage")] LlmUsage? Usage = null,
    [property: JsonPropertyName("cycles")] IReadOnlyList<PlannerCycle>? Cycles = null,
    [property: JsonPropertyName("error")] EpisodeError? Error = null)
{
    /// <summary>An agent whose requests failed after their retries: no answer, and the episode goes unscored.</summary>
    public static AgentResult Failed(EpisodeError error, LlmUsage? usage = null) => new("", "", usage, Error: error);

    /// <summary>Every tool call of the episode's executor runs, in order.</summary>
    [JsonIgnore] public IEnumerable<ToolCallTrace> ToolCalls =>
        (Cycles ?? []).SelectMany(c => c.Subtasks ?? []).SelectMany(s => s.ToolCalls);
}

/// <summary>The planner (frozen LLM or simulator): acts on a task given retrieved cases.</summary>
public interface IAgent
{
    Task<AgentResult> ActAsync(AgentRequest request, CancellationToken cancellationToken);
}
