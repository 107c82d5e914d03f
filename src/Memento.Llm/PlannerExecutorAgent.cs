using System.Text;
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
/// </summary>
public sealed class PlannerExecutorAgent(
    IChatClient planner, IChatClient executor, IToolProvider? tools, LlmAgentConfig settings) : IAgent, IDisposable
{
    public async Task<AgentResult> ActAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        var usage = new Usage();
        var tag = $"iteration {request.Iteration} attempt {request.Attempt}";
        var plannerOptions = Sampling(settings.PlannerModel).WithAttempt(tag);
        var executorOptions = Sampling(settings.ExecutorModel).WithAttempt(tag);
        if (tools is not null && settings.MaxToolCalls > 0 && await tools.GetToolsAsync(cancellationToken) is { Count: > 0 } offered)
            executorOptions.Tools = offered.ToList();

        List<ChatMessage> history = [new(ChatRole.System, Prompts.Planner), new(ChatRole.User, request.Task.Question)];
        if (Prompts.Memory(request.Cases) is { } memory) history.Add(new ChatMessage(ChatRole.User, memory));

        var plan = "";
        var results = new List<string>();
        for (var cycle = 1; cycle <= settings.MaxCycles; cycle++)
        {
            var reply = await AskAsync(planner, history, plannerOptions, usage, cancellationToken);
            history.Add(new ChatMessage(ChatRole.Assistant, reply));
            if (PlanParser.TryFinalAnswer(reply) is { } answer) return usage.Result(answer, plan);
            if (PlanParser.TryParse(reply) is not { } steps)
            {
                history.Add(new ChatMessage(ChatRole.User, Prompts.BadPlannerReply));
                continue;
            }
            plan = PlanParser.Serialize(steps);
            var report = new StringBuilder();
            foreach (var step in steps)
            {
                var task = $"Task {step.Id}: {step.Description}";
                List<ChatMessage> messages =
                [
                    new(ChatRole.System, Prompts.Executor),
                    new(ChatRole.User, Context(request.Task.Question, results) + task),
                ];
                var result = await AskAsync(executor, messages, executorOptions, usage, cancellationToken);
                results.Add($"Task {step.Id} result: {result}");
                report.Append(results[^1]).Append('\n');
            }
            history.Add(new ChatMessage(ChatRole.User, report.ToString().TrimEnd()));
        }
        history.Add(new ChatMessage(ChatRole.User, Prompts.AnswerNow));
        var last = await AskAsync(planner, history, plannerOptions, usage, cancellationToken);
        return usage.Result(PlanParser.TryFinalAnswer(last) ?? last.Trim(), plan);
    }

    private static string Context(string question, IReadOnlyList<string> results) =>
        $"Overall question: {question}\n" + (results.Count > 0 ? "Results so far:\n" + string.Join("\n", results) + "\n\n" : "\n");

    private static async Task<string> AskAsync(
        IChatClient client, IReadOnlyList<ChatMessage> messages, ChatOptions options, Usage usage, CancellationToken cancellationToken)
    {
        var response = await client.GetResponseAsync(messages, options, cancellationToken);
        usage.Add(response.Usage);
        return response.Text;
    }

    /// <summary>Sampling options; o-series reasoning models accept no temperature, so none is sent to them.</summary>
    private ChatOptions Sampling(string model) =>
        new() { Temperature = IsReasoningModel(model) ? null : (float)settings.Temperature };

    private static bool IsReasoningModel(string model) =>
        model.Length >= 2 && model[0] == 'o' && char.IsDigit(model[1]);

    public void Dispose()
    {
        (tools as IDisposable)?.Dispose();
        planner.Dispose();
        executor.Dispose();
    }

    private sealed class Usage
    {
        private long _prompt, _completion;

        public void Add(UsageDetails? details)
        {
            _prompt += details?.InputTokenCount ?? 0;
            _completion += details?.OutputTokenCount ?? 0;
        }

        public AgentResult Result(string answer, string plan) =>
            new(answer, plan, (int)Math.Min(_prompt, int.MaxValue), (int)Math.Min(_completion, int.MaxValue));
    }
}
