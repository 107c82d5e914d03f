using System.Text.Json;
using System.Text.Json.Serialization;
using Memento.Core.Agents;
using Memento.Core.Data;
using Memento.Core.Results;

namespace Memento.Core.Replay;

/// <summary>
/// Reads recorded answers for <c>agent.kind: replay</c>. Each line is one of:
/// <list type="bullet">
/// <item>our <c>trajectories.jsonl</c> (<see cref="TrajectoryLine"/>): <c>{episode, iteration, attempt, task_id, agent, judgement, ...}</c>,
/// or a line written before the agent's result was nested: <c>{episode, iteration, attempt, task_id, answer, plan, prompt_tokens, agent_cost_usd, ...}</c>;</item>
/// <item>a Memento result line (<c>client/*.py</c> output): <c>{question | query, pred_answer | model_output |
/// prediction | answer, plan | plan_json}</c>. Note <c>answer</c> is the last choice: in a dataset file it is the gold.</item>
/// </list>
/// </summary>
public sealed class ReplayFile
{
    private static readonly string[] AnswerFields = ["pred_answer", "model_output", "prediction", "pred", "answer"];

    private readonly Dictionary<(int Iteration, int Attempt, string TaskId), AgentResult> _byEpisode = new();
    private readonly Dictionary<(int Attempt, string TaskId), AgentResult> _byTask = new();
    private readonly Dictionary<string, AgentResult> _byQuestion = new();

    private ReplayFile(string path) => Path = path;

    public string Path { get; }
    public int Count => _byEpisode.Count + _byQuestion.Count;

    public static ReplayFile Read(string path)
    {
        if (!File.Exists(path)) throw MementoException.MissingFile(path, "agent.replay_path file");
        var file = new ReplayFile(path);
        foreach (var (line, row) in JsonLines.Read(path))
        {
            if (row.TryGetProperty("task_id", out _) && row.TryGetProperty("iteration", out _) && row.TryGetProperty("episode", out _))
            {
                var (iteration, attempt, taskId, answer) = Recorded(row, path, line);
                file._byEpisode[(iteration, attempt, taskId)] = answer;
                file._byTask.TryAdd((attempt, taskId), answer);
                continue;
            }
            var question = Text(row, "question") ?? Text(row, "query")
                           ?? throw MementoException.AtLine(path, line, "neither a trajectories.jsonl line (episode, iteration, task_id) nor a Memento result line (question)");
            var predicted = AnswerFields.Select(f => Text(row, f)).FirstOrDefault(a => a is not null)
                            ?? throw MementoException.AtLine(path, line, "no answer field; expected one of " + string.Join(", ", AnswerFields));
            var plan = Text(row, "plan") ?? Text(row, "plan_json") ?? "";
            file._byQuestion.TryAdd(Normalize(question), new AgentResult(predicted, plan));
        }
        return file;
    }

    private static (int Iteration, int Attempt, string TaskId, AgentResult Answer) Recorded(JsonElement row, string path, long line)
    {
        try
        {
            if (row.TryGetProperty("agent", out _))
            {
                var t = TrajectoryLine.Parse(row);
                return (t.Iteration, t.Attempt, t.TaskId, t.Agent);
            }
            var flat = row.Deserialize<FlatLine>() ?? throw new JsonException("null row");
            return (flat.Iteration, flat.Attempt, flat.TaskId,
                new AgentResult(flat.Answer ?? "", flat.Plan ?? "", LlmUsage.Recorded(flat.PromptTokens, flat.CompletionTokens, flat.AgentCostUsd)));
        }
        catch (JsonException e)
        {
            throw MementoException.AtLine(path, line, "invalid trajectory line: " + e.Message);
        }
    }

    /// <summary>A <c>trajectories.jsonl</c> line of an earlier version, with the agent's fields at the top level.</summary>
    private sealed record FlatLine(
        [property: JsonPropertyName("iteration")] int Iteration,
        [property: JsonPropertyName("attempt")] int Attempt,
        [property: JsonPropertyName("task_id")] string TaskId,
        [property: JsonPropertyName("answer")] string? Answer,
        [property: JsonPropertyName("plan")] string? Plan,
        [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
        [property: JsonPropertyName("completion_tokens")] int CompletionTokens,
        [property: JsonPropertyName("agent_cost_usd")] decimal? AgentCostUsd);

    /// <summary>The recorded answer for this episode: same (iteration, attempt, task), else the same task and attempt
    /// in any iteration, else the same question text.</summary>
    public AgentResult? Find(int iteration, int attempt, string taskId, string question) =>
        _byEpisode.GetValueOrDefault((iteration, attempt, taskId))
        ?? _byTask.GetValueOrDefault((attempt, taskId))
        ?? _byQuestion.GetValueOrDefault(Normalize(question));

    private static string? Text(JsonElement row, string field) =>
        row.TryGetProperty(field, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
            JsonValueKind.Object or JsonValueKind.Array => v.GetRawText(),
            _ => null,
        } : null;

    private static string Normalize(string question) =>
        string.Join(' ', question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
