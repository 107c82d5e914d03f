using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Memento.Core.Agents;
using Memento.Core.Loop;
using Memento.Core.Tasks;

namespace Memento.Core.Results;

/// <summary>
/// <c>submission.jsonl</c>, the file GAIA's leaderboard takes: one row per task, in dataset order, with
/// <c>task_id</c>, <c>model_answer</c> and <c>reasoning_trace</c>. The answer is the last
/// iteration's first attempt — what the agent says after all the memory it built — so the file is the same whatever
/// <c>schedule.attempts</c> is, and a resumed run (which replays every episode) writes the same file. The trace is how
/// the agent got there (<see cref="Trace"/>), cut to <see cref="MaxTraceChars"/> characters.
/// </summary>
public static class GaiaSubmission
{
    /// <summary>Characters of a reasoning trace kept; the rest is cut with a note of how many.</summary>
    public const int MaxTraceChars = 8000;

    public sealed record Row(
        [property: JsonPropertyName("task_id")] string TaskId,
        [property: JsonPropertyName("model_answer")] string ModelAnswer,
        [property: JsonPropertyName("reasoning_trace")] string ReasoningTrace);

    public static IReadOnlyList<Row> Rows(IReadOnlyList<QaTask> tasks, IEnumerable<Episode> episodes)
    {
        var final = episodes.ToList();
        var lastIteration = final.Count == 0 ? 0 : final.Max(e => e.Iteration);
        var answers = final.Where(e => e.Iteration == lastIteration && e.Attempt == 1).ToDictionary(e => e.Task.Id);
        return tasks.Select(t => answers.TryGetValue(t.Id, out var e)
                ? new Row(t.Id, e.Result.Answer, Trace(e.Result))
                : throw new MementoException($"submission: the run has no answer for task '{t.Id}' in iteration {lastIteration}, attempt 1"))
            .ToList();
    }

    /// <summary>
    /// The reasoning trace of an answer: each planner cycle's plan with the executor's result for every subtask (as
    /// logged in <c>trajectories.jsonl</c>, tool results left out), a reply that was no plan, and the final answer. An
    /// agent that logs no cycles (the simulator, replayed answers) gives its plan and answer.
    /// </summary>
    public static string Trace(AgentResult result)
    {
        var text = new StringBuilder();
        if (result.Cycles is not { Count: > 0 } cycles) text.Append("Plan:\n").Append(result.Plan).Append("\n\n");
        else
            foreach (var cycle in cycles)
            {
                if (cycle.Subtasks is { } subtasks)
                {
                    text.Append($"Cycle {cycle.Cycle} plan:\n");
                    foreach (var s in subtasks) text.Append($"{s.Id}. {s.Description}\n   result: {s.Result}\n");
                    text.Append('\n');
                }
                if (cycle.UnparsedReply is { } reply) text.Append($"Cycle {cycle.Cycle} reply (no plan): {reply}\n\n");
            }
        text.Append("Final answer: ").Append(result.Answer);
        return ToolCallTrace.Shorten(text.ToString(), MaxTraceChars);
    }

    /// <summary>Writes the rows atomically (a reader never sees half a submission), scrubbed of secrets like every
    /// other output file (an answer or plan can repeat an API key).</summary>
    public static void Write(string path, IReadOnlyList<QaTask> tasks, IEnumerable<Episode> episodes)
    {
        var rows = Rows(tasks, episodes);
        AtomicFile.Write(path, temp => File.WriteAllLines(temp, rows.Select(r => Secrets.Redact(JsonSerializer.Serialize(r)))));
    }
}
