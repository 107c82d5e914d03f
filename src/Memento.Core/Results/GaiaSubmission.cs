using System.Text.Json;
using System.Text.Json.Serialization;
using Memento.Core.Loop;
using Memento.Core.Tasks;

namespace Memento.Core.Results;

/// <summary>
/// <c>submission.jsonl</c>, the file GAIA's leaderboard takes: one row per task, in dataset order, with
/// <c>task_id</c>, <c>model_answer</c> and <c>reasoning_trace</c> (the agent's final plan). The answer is the last
/// iteration's first attempt — what the agent says after all the memory it built — so the file is the same whatever
/// <c>schedule.attempts</c> is, and a resumed run (which replays every episode) writes the same file.
/// </summary>
public static class GaiaSubmission
{
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
                ? new Row(t.Id, e.Result.Answer, e.Result.Plan)
                : throw new MementoException($"submission: the run has no answer for task '{t.Id}' in iteration {lastIteration}, attempt 1"))
            .ToList();
    }

    /// <summary>Writes the rows atomically (a reader never sees half a submission), scrubbed of secrets like every
    /// other output file (an answer or plan can repeat an API key).</summary>
    public static void Write(string path, IReadOnlyList<QaTask> tasks, IEnumerable<Episode> episodes)
    {
        var rows = Rows(tasks, episodes);
        AtomicFile.Write(path, temp => File.WriteAllLines(temp, rows.Select(r => Secrets.Redact(JsonSerializer.Serialize(r)))));
    }
}
