using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Memento.Core.Agents;
using Memento.Core.Results;

namespace Memento.Reports.Inspect;

/// <summary>An episode's planner–executor conversation rebuilt from its trajectory line as inspect messages and
/// events: per planner cycle the planner's plan (or answer) as an assistant message and a model event; per subtask the
/// task handed to the executor, the executor's tool calls with their results (messages and tool events) and its
/// result (a model event). A cycle's or subtask's token usage is on its model event when the line recorded it.
/// Event times are the run's start: memento logs no time per call.</summary>
internal sealed class Conversation(InspectRun run, EpisodeRecord episode, string timestamp)
{
    private readonly Dictionary<string, LlmUsage> _usage = new();
    private int _calls;

    public JsonArray Messages { get; } = [User(episode.Question, "input")];
    public JsonArray Events { get; } = [];

    /// <summary>An agent without a conversation (the simulator, or an LLM line without cycles): its answer.</summary>
    public void AddAnswer(string answer, LlmUsage? usage)
    {
        var message = Assistant(answer, run.AgentModel, "generate");
        Messages.Add(message);
        if (run.IsLlmAgent) ModelEvent(run.AgentModel, "planner", message, usage);
        else InspectJson.Add(_usage, run.AgentModel, usage);
    }

    public void AddCycles(IReadOnlyList<PlannerCycle> cycles)
    {
        foreach (var cycle in cycles)
        {
            var reply = cycle.FinalAnswer ?? cycle.UnparsedReply
                ?? "Plan:\n" + string.Join('\n', (cycle.Subtasks ?? []).Select(s => $"{s.Id}. {s.Description}"));
            var planner = Assistant(reply, run.AgentModel, "generate");
            Messages.Add(planner);
            ModelEvent(run.AgentModel, "planner", planner, cycle.Usage);
            foreach (var subtask in cycle.Subtasks ?? []) AddSubtask(cycle.Cycle, subtask);
        }
        if (cycles.All(c => c.Usage is null) && run.Trajectories.GetValueOrDefault(episode.Episode)?.Agent.Usage is { } total)
            InspectJson.Add(_usage, run.AgentModel, total); // lines written before usage was logged per call
    }

    private void AddSubtask(int cycle, SubtaskTrace subtask)
    {
        Messages.Add(User($"Task {subtask.Id}: {subtask.Description}", null));
        var calls = subtask.ToolCalls.Select((call, i) => (Call: call, Id: $"call_{episode.Episode}_{cycle}_{subtask.Id}_{i + 1}")).ToList();
        var result = Assistant(subtask.Result, run.ExecutorModel, "generate");
        if (calls.Count > 0)
        {
            var request = Assistant("", run.ExecutorModel, "generate");
            request["tool_calls"] = new JsonArray(calls.Select(c => (JsonNode?)new JsonObject
            {
                ["id"] = c.Id, ["function"] = c.Call.Name, ["arguments"] = Arguments(c.Call.Arguments), ["type"] = "function",
            }).ToArray());
            Messages.Add(request);
            ModelEvent(run.ExecutorModel, "executor", request, subtask.Usage);
            foreach (var (call, id) in calls)
            {
                Messages.Add(new JsonObject
                {
                    ["content"] = call.Result, ["source"] = "generate", ["role"] = "tool", ["tool_call_id"] = id, ["function"] = call.Name,
                });
                Events.Add(Event("tool", new JsonObject
                {
                    ["type"] = "function", ["id"] = id, ["function"] = call.Name, ["arguments"] = Arguments(call.Arguments),
                    ["result"] = call.Result, ["events"] = new JsonArray(), ["completed"] = timestamp, ["working_time"] = 0,
                    ["metadata"] = call.Fields is { } fields ? new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))) : null,
                }));
            }
            Messages.Add(result);
            ModelEvent(run.ExecutorModel, "executor", result, null);
        }
        else
        {
            Messages.Add(result);
            ModelEvent(run.ExecutorModel, "executor", result, subtask.Usage);
        }
    }

    /// <summary>The LLM judge's ruling: a model event whose output is the judge's rationale.</summary>
    public void AddJudge(string model, string rationale, LlmUsage? usage) =>
        ModelEvent(model, "judge", Assistant(rationale, model, "generate"), usage);

    public JsonObject ModelUsage() => InspectJson.Usages(_usage);

    public static JsonObject User(string content, string? source) =>
        InspectJson.WithoutNulls(new JsonObject { ["content"] = content, ["source"] = source, ["role"] = "user" });

    public static JsonObject Assistant(string content, string model, string source) =>
        new() { ["content"] = content, ["source"] = source, ["role"] = "assistant", ["model"] = model };

    /// <summary>A model call whose reply is <paramref name="message"/>; its input is the conversation before the reply
    /// (the judge's prompt is not logged, so its input is empty).</summary>
    private void ModelEvent(string model, string role, JsonObject message, LlmUsage? usage)
    {
        InspectJson.Add(_usage, model, usage);
        JsonNode?[] input = role == "judge" ? [] : Messages.TakeWhile(m => !ReferenceEquals(m, message)).Select(m => m!.DeepClone()).ToArray();
        var output = InspectSample.Output(model, message["content"]!.GetValue<string>(), usage);
        if (message["tool_calls"] is { } calls) WithToolCalls(output, calls);
        Events.Add(Event("model", new JsonObject
        {
            ["model"] = model, ["role"] = role, ["input"] = new JsonArray(input), ["tools"] = new JsonArray(),
            ["tool_choice"] = role == "executor" ? "auto" : "none", ["config"] = new JsonObject(), ["output"] = output,
            ["completed"] = timestamp, ["working_time"] = 0,
        }));
    }

    private static void WithToolCalls(JsonObject output, JsonNode calls)
    {
        output["choices"]![0]!["message"]!["tool_calls"] = calls.DeepClone();
        output["choices"]![0]!["stop_reason"] = "tool_calls";
    }

    private JsonObject Event(string kind, JsonObject fields)
    {
        var e = new JsonObject
        {
            ["uuid"] = InspectRun.Id(run.Folder.Dir, "event", episode.Episode.ToString(CultureInfo.InvariantCulture), (++_calls).ToString(CultureInfo.InvariantCulture)),
            ["timestamp"] = timestamp, ["working_start"] = 0, ["event"] = kind,
        };
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            e[key] = value;
        }
        return InspectJson.WithoutNulls(e);
    }

    private static JsonNode Arguments(JsonElement arguments) =>
        arguments.ValueKind == JsonValueKind.Object ? JsonNode.Parse(arguments.GetRawText())! : new JsonObject { ["value"] = JsonNode.Parse(arguments.GetRawText()) };
}
