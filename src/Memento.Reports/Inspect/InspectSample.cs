using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Memento.Core.Agents;
using Memento.Core.Results;
using Memento.Core.Tasks;

namespace Memento.Reports.Inspect;

/// <summary>One episode as an inspect <c>EvalSample</c>: id = the task id, epoch = <see cref="InspectRun.Epoch"/>, the
/// question as input, the gold answers as target, the planner–executor conversation as messages (an LLM episode; the
/// simulator has none, so its messages are the question and its answer), the scores, what memory read as metadata,
/// the model and tool calls as events, and the error of an unscored episode.</summary>
internal sealed class InspectSample(InspectRun run, IReadOnlyList<InspectScore> scores)
{
    private readonly string _timestamp = InspectJson.Time(run.Started);

    public JsonObject Sample(EpisodeRecord e)
    {
        var line = run.Trajectories.GetValueOrDefault(e.Episode);
        var conversation = new Conversation(run, e, _timestamp);
        if (line?.Agent.Cycles is { Count: > 0 } cycles) conversation.AddCycles(cycles);
        else conversation.AddAnswer(line?.Agent.Answer ?? e.Answer, line?.Agent.Usage);
        if (line?.Judgement is { Rationale: { } rationale } judgement && run.JudgeModel is { } judgeModel)
            conversation.AddJudge(judgeModel, rationale, judgement.Usage);
        var sample = new JsonObject
        {
            ["id"] = e.TaskId,
            ["epoch"] = run.Epoch(e),
            ["input"] = e.Question,
            ["target"] = Target(e),
            ["messages"] = conversation.Messages,
            ["output"] = Output(run.AgentModel, line?.Agent.Answer ?? e.Answer, line?.Agent.Usage),
            ["scores"] = Scores(e, line?.Judgement.Rationale),
            ["metadata"] = Metadata(e, line?.Agent.Plan),
            ["store"] = new JsonObject(),
            ["events"] = conversation.Events,
            ["model_usage"] = conversation.ModelUsage(),
            ["total_time"] = Seconds(e.ReadMs + e.ActMs),
            ["working_time"] = Seconds(e.ActMs),
            ["uuid"] = InspectRun.Id(run.Folder.Dir, "episode", e.Episode.ToString(CultureInfo.InvariantCulture)),
            ["attachments"] = new JsonObject(),
        };
        if (Error(e) is { } error) sample["error"] = error;
        return sample;
    }

    /// <summary>The sample's entry of <c>summaries.json</c>: the sample without its conversation, events or output.</summary>
    public static JsonObject Summary(JsonObject sample)
    {
        var summary = new JsonObject();
        foreach (var key in (string[])["id", "epoch", "input", "target", "metadata", "scores", "model_usage", "total_time", "working_time", "uuid"])
            summary[key] = sample[key]?.DeepClone();
        if (sample["error"] is JsonObject error) summary["error"] = error["message"]?.DeepClone();
        summary["completed"] = true;
        summary["message_count"] = sample["messages"]!.AsArray().Count;
        return summary;
    }

    private static double Seconds(double ms) => Math.Round(ms / 1000, 6);

    private static JsonNode Target(EpisodeRecord e)
    {
        var golds = e.Gold.Split(QaTask.AnswerSplit);
        return golds.Length == 1 ? golds[0] : new JsonArray(golds.Select(g => (JsonNode?)g).ToArray());
    }

    public static JsonObject Output(string model, string answer, LlmUsage? usage)
    {
        var output = new JsonObject
        {
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["message"] = Conversation.Assistant(answer, model, "generate"),
                ["stop_reason"] = "stop",
            }),
            ["completion"] = answer,
        };
        if (usage is not null) output["usage"] = InspectJson.Usage(usage);
        return output;
    }

    private JsonObject Scores(EpisodeRecord e, string? rationale)
    {
        var result = new JsonObject();
        if (!e.IsScored) return result;
        foreach (var score in scores)
        {
            if (score.Value(e) is not { } value) continue;
            var entry = new JsonObject { ["value"] = value, ["answer"] = e.Answer };
            if (score.Name is "pm" or "simpleqa" && rationale is not null) entry["explanation"] = rationale;
            result[score.Name] = entry;
        }
        return result;
    }

    private JsonObject Metadata(EpisodeRecord e, string? plan)
    {
        var retrieved = new JsonArray();
        foreach (var id in e.Retrieved.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var c = int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? run.Cases.GetValueOrDefault(n) : null;
            retrieved.Add(new JsonObject { ["id"] = id, ["reward"] = c?.Reward, ["task_id"] = c?.TaskId });
        }
        var metadata = new JsonObject
        {
            ["episode"] = e.Episode,
            ["iteration"] = e.Iteration,
            ["attempt"] = e.Attempt,
            ["policy"] = e.Policy,
            ["k"] = e.K,
            ["bank_size"] = e.BankSize,
            ["retrieved"] = retrieved,
            ["retrieved_positive"] = e.RetrievedPositive,
            ["source"] = e.Source,
            ["level"] = e.Level.Length > 0 ? e.Level : null,
            ["plan"] = plan,
        };
        if (e.CostUsd is { } cost) metadata["cost_usd"] = cost;
        if (e.CacheHits > 0) metadata["cache_hits"] = e.CacheHits;
        if (e.ErrorKind.Length > 0) metadata["error_kind"] = e.ErrorKind;
        return InspectJson.WithoutNulls(metadata);
    }

    private static JsonObject? Error(EpisodeRecord e) => e.IsScored ? null : new JsonObject
    {
        ["message"] = e.ErrorKind.Length > 0 ? $"{e.ErrorKind}: {e.JudgeError}" : e.JudgeError,
        ["traceback"] = "",
        ["traceback_ansi"] = "",
    };
}
