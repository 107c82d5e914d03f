using System.Text.Json;
using Memento.Core.Data;

namespace Memento.Core.Agents.Replay;

/// <summary>One recorded answer: by episode identity (our <c>trajectories.jsonl</c>) or by question text (a Memento
/// result file, which has no episode identity).</summary>
public sealed record ReplayedAnswer(string Answer, string Plan, LlmUsage? Usage);

/// <summary>
/// Reads recorded answers for <c>agent.kind: replay</c>. Each line is one of:
/// <list type="bullet">
/// <item>our <c>trajectories.jsonl</c>: <c>{episode, iteration, attempt, task_id, answer, plan, prompt_tokens, agent_cost_usd, ...}</c>;</item>
/// <item>a Memento result line (<c>client/*.py</c> output): <c>{question | query, pred_answer | model_output |
/// prediction | answer, plan | plan_json}</c>. Note <c>answer</c> is the last choice: in a dataset file it is the gold.</item>
/// </list>
/// </summary>
public sealed class ReplayFile
{
    private static readonly string[] AnswerFields = ["pred_answer", "model_output", "prediction", "pred", "answer"];

    private readonly Dictionary<(int Iteration, int Attempt, string TaskId), ReplayedAnswer> _byEpisode = new();
    private readonly Dictionary<(int Attempt, string TaskId), ReplayedAnswer> _byTask = new();
    private readonly Dictionary<string, ReplayedAnswer> _byQuestion = new();

    private ReplayFile(string path) => Path = path;

    public string Path { get; }
    public int Count => _byEpisode.Count + _byQuestion.Count;

    public static ReplayFile Read(string path)
    {
        if (!File.Exists(path)) throw MementoException.MissingFile(path, "agent.replay_path file");
        var file = new ReplayFile(path);
        foreach (var (line, row) in JsonLines.Read(path))
        {
            if (row.TryGetProperty("task_id", out var id) && row.TryGetProperty("iteration", out _) && row.TryGetProperty("episode", out _))
            {
                var e = row.Deserialize<Results.RecordedEpisode>()
                        ?? throw MementoException.AtLine(path, line, "invalid trajectory line");
                var answer = new ReplayedAnswer(e.Answer, e.Plan, e.AgentUsage);
                file._byEpisode[(e.Iteration, e.Attempt, e.TaskId)] = answer;
                file._byTask.TryAdd((e.Attempt, e.TaskId), answer);
                continue;
            }
            var question = Text(row, "question") ?? Text(row, "query")
                           ?? throw MementoException.AtLine(path, line, "neither a trajectories.jsonl line (episode, iteration, task_id) nor a Memento result line (question)");
            var predicted = AnswerFields.Select(f => Text(row, f)).FirstOrDefault(a => a is not null)
                            ?? throw MementoException.AtLine(path, line, "no answer field; expected one of " + string.Join(", ", AnswerFields));
            var plan = Text(row, "plan") ?? Text(row, "plan_json") ?? "";
            file._byQuestion.TryAdd(Normalize(question), new ReplayedAnswer(predicted, plan, null));
        }
        return file;
    }

    /// <summary>The recorded answer for this episode: same (iteration, attempt, task), else the same task and attempt
    /// in any iteration, else the same question text.</summary>
    public ReplayedAnswer? Find(int iteration, int attempt, string taskId, string question) =>
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
