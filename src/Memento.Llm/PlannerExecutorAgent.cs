using System.Text;
using System.Text.Json;
using Memento.Core;
using Memento.Core.Agents;
using Memento.Core.Config;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>
/// <c>agent.kind: llm</c> — Memento's planner–executor on <see cref="IChatClient"/>:
/// <list type="number">
/// <item>the planner sees the task and the memory prompt (retrieved cases as positive and negative examples) and
/// replies with a JSON plan or <c>FINAL ANSWER: ...</c>;</item>
/// <item>each subtask of a plan runs in the executor, which may call tools (MCP) through function invocation;</item>
/// <item>the subtask results go back to the planner; at most <c>max_cycles</c> planner rounds, after which the
/// planner is asked once for its final answer.</item>
/// </list>
/// The last JSON plan is the case's action. The agent keeps no per-episode state, so one instance serves all the
/// concurrent episodes of a wave. Every request carries the episode's iteration and attempt as its cache tag.
/// The result carries the episode's tokens and cost (priced per model) and its planner cycles for the trajectory log.
/// Disposing stops the MCP tool servers.
/// </summary>
public sealed class PlannerExecutorAgent(
    IChatClient planner, IChatClient executor, IToolProvider? tools, LlmAgentConfig settings, PriceList? prices = null)
    : IAgent, IAsyncDisposable
{
    private readonly ModelMeter _plannerMeter = (prices ?? PriceList.None).For(settings.PlannerModel);
    private readonly ModelMeter _executorMeter = (prices ?? PriceList.None).For(settings.ExecutorModel);

    /// <summary>The episode's answer; when a request fails after its retries, a failed result with the error's kind and
    /// redacted message (the episode is then unscored and the run goes on).</summary>
    public async Task<AgentResult> ActAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await AnswerAsync(request, cancellationToken);
        }
        catch (LlmRequestException e)
        {
            return AgentResult.Failed(e.Error);
        }
    }

    private async Task<AgentResult> AnswerAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        var usage = LlmUsage.Zero;
        var cycles = new List<PlannerCycle>();
        var tag = $"iteration {request.Iteration} attempt {request.Attempt}";
        var plannerOptions = Sampling(settings.PlannerModel).WithAttempt(tag);
        var executorOptions = Sampling(settings.ExecutorModel).WithAttempt(tag);
        if (tools is not null && settings.MaxToolCalls > 0 && await tools.GetToolsAsync(request, cancellationToken) is { Count: > 0 } offered)
            executorOptions.Tools = offered.ToList();

        List<ChatMessage> history = [new(ChatRole.System, Prompts.Planner), new(ChatRole.User, request.Task.Question)];
        if (Prompts.Memory(request.Cases) is { } memory) history.Add(new ChatMessage(ChatRole.User, memory));

        var plan = "";
        var results = new List<string>();
        for (var cycle = 1; cycle <= settings.MaxCycles; cycle++)
        {
            var replied = await planner.GetResponseAsync(history, plannerOptions, cancellationToken);
            var planned = _plannerMeter.Measure(replied.Usage);
            usage += planned;
            var reply = replied.Text;
            history.Add(new ChatMessage(ChatRole.Assistant, reply));
            if (PlanParser.TryFinalAnswer(reply) is { } answer)
            {
                cycles.Add(new PlannerCycle(cycle, FinalAnswer: answer, Usage: planned));
                return new AgentResult(answer, plan, usage, cycles);
            }
            if (PlanParser.TryParse(reply) is not { } steps)
            {
                cycles.Add(new PlannerCycle(cycle, UnparsedReply: reply, Usage: planned));
                history.Add(new ChatMessage(ChatRole.User, Prompts.BadPlannerReply));
                continue;
            }
            plan = PlanParser.Serialize(steps);
            var report = new StringBuilder();
            var subtasks = new List<SubtaskTrace>();
            foreach (var step in steps)
            {
                var task = $"Task {step.Id}: {step.Description}";
                List<ChatMessage> messages =
                [
                    new(ChatRole.System, Prompts.Executor),
                    new(ChatRole.User, Context(request.Task.Question, results) + task),
                ];
                var executed = await executor.GetResponseAsync(messages, executorOptions, cancellationToken);
                var spent = _executorMeter.Measure(executed.Usage);
                usage += spent;
                subtasks.Add(new SubtaskTrace(step.Id, step.Description, executed.Text, ToolCalls(executed.Messages), spent));
                results.Add($"Task {step.Id} result: {executed.Text}");
                report.Append(results[^1]).Append('\n');
            }
            cycles.Add(new PlannerCycle(cycle, Subtasks: subtasks, Usage: planned));
            history.Add(new ChatMessage(ChatRole.User, report.ToString().TrimEnd()));
        }
        history.Add(new ChatMessage(ChatRole.User, Prompts.AnswerNow));
        var closing = await planner.GetResponseAsync(history, plannerOptions, cancellationToken);
        var closed = _plannerMeter.Measure(closing.Usage);
        usage += closed;
        var last = PlanParser.TryFinalAnswer(closing.Text) ?? closing.Text.Trim();
        cycles.Add(new PlannerCycle(settings.MaxCycles + 1, FinalAnswer: last, Usage: closed));
        return new AgentResult(last, plan, usage, cycles);
    }

    /// <summary>The tool calls of one executor run (the function-invocation loop returns every round's messages),
    /// each paired with its result by call id and with the structured fields its tool attached.</summary>
    private static IReadOnlyList<ToolCallTrace> ToolCalls(IList<ChatMessage> messages)
    {
        var results = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>()
            .GroupBy(r => r.CallId).ToDictionary(g => g.Key, g => g.First().Result);
        return messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(call => new ToolCallTrace(
            call.Name,
            JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions),
            ToolCallTrace.Shorten(results.GetValueOrDefault(call.CallId) switch
            {
                null => "",
                string text => text,
                JsonElement { ValueKind: JsonValueKind.String } text => text.GetString() ?? "",
                var other => JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions),
            }),
            ToolCallFields.Of(call))).ToList();
    }

    private static string Context(string question, IReadOnlyList<string> results) =>
        $"Overall question: {question}\n" + (results.Count > 0 ? "Results so far:\n" + string.Join("\n", results) + "\n\n" : "\n");

    /// <summary>Sampling options; o-series reasoning models accept no temperature, so none is sent to them.</summary>
    private ChatOptions Sampling(string model) =>
        new() { Temperature = IsReasoningModel(model) ? null : (float)settings.Temperature };

    private static bool IsReasoningModel(string model) =>
        model.Length >= 2 && model[0] == 'o' && char.IsDigit(model[1]);

    public async ValueTask DisposeAsync()
    {
        await Disposables.DisposeAsync(tools);
        planner.Dispose();
        executor.Dispose();
    }
}
