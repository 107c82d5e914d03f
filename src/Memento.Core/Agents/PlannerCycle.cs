using System.Text.Json;
using System.Text.Json.Serialization;

namespace Memento.Core.Agents;

/// <summary>One planner round of an LLM episode, as logged in <c>trajectories.jsonl</c>: the plan's subtasks with
/// what the executor did for each, or the final answer, or — when the reply was neither — the reply itself.
/// The round after <c>agent.max_cycles</c>, which only asks for the answer, is logged as cycle max_cycles + 1.
/// <see cref="Usage"/> is the planner request's own (lines written before it was logged have none).</summary>
public sealed record PlannerCycle(
    [property: JsonPropertyName("cycle")] int Cycle,
    [property: JsonPropertyName("subtasks"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SubtaskTrace>? Subtasks = null,
    [property: JsonPropertyName("final_answer"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FinalAnswer = null,
    [property: JsonPropertyName("unparsed_reply"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UnparsedReply = null,
    [property: JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LlmUsage? Usage = null);

/// <summary>One subtask of a plan: its id and description, the executor's result and the tools it called, and the
/// executor's usage on it (none in lines written before it was logged).</summary>
public sealed record SubtaskTrace(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("result")] string Result,
    [property: JsonPropertyName("tool_calls")] IReadOnlyList<ToolCallTrace> ToolCalls,
    [property: JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LlmUsage? Usage = null);

/// <summary>One tool call of the executor: the tool, its JSON arguments and its result, cut to
/// <see cref="MaxResultChars"/> characters for the log (the executor saw the whole, token-trimmed result), and the
/// tool's structured fields (urls found, file read, exit code, timeout flag, ...) when it gave any — lines written
/// before fields were logged have none.</summary>
public sealed record ToolCallTrace(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("arguments")] JsonElement Arguments,
    [property: JsonPropertyName("result")] string Result,
    [property: JsonPropertyName("fields"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Fields = null)
{
    public const int MaxResultChars = 1000;

    /// <summary>How a failed call's result begins (the tool refused, its backend failed, it threw): the model reads why.</summary>
    public const string ErrorPrefix = "tool error: ";

    /// <summary>True when the call failed (<see cref="ErrorPrefix"/>).</summary>
    [JsonIgnore] public bool Failed => Result.StartsWith(ErrorPrefix, StringComparison.Ordinal);

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters, saying how many were cut.</summary>
    public static string Shorten(string text, int max = MaxResultChars) =>
        text.Length <= max ? text : text[..max] + $"...[{text.Length - max} more characters]";
}
