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
/// A task with attached files names them after its question, with how each offered tool reaches them
/// (<see cref="Prompts.Attachments"/>). The last JSON plan is the case's action. <c>agent.mode</c> online-executor and
/// offline-executor skip the planner (the paper's ablation rungs): the executor answers alone, with or without its tools.
/// A task that asks for a confidence (HLE) gets the three-line answer format; a question's image goes along as an image
/// part (agent.images). The agent keeps no per-episode state, so one instance serves all the concurrent episodes of a
/// wave. Every request carries a cache tag naming the sample it belongs to — the run's seed, the iteration, the attempt
/// and the request's place in the episode — so no two samples ever share a cached response, even when their requests
/// are identical, while a rerun of the same config replays its own responses exactly. The result carries the episode's
/// tokens and cost (priced per model, a failed episode's too: the replies it got before the failure) and its planner
/// cycles for the trajectory log.
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
        var sample = new Sample($"seed {request.Seed} iteration {request.Iteration} attempt {request.Attempt}");
        try
        {
            return await AnswerAsync(request, sample, cancellationToken);
        }
        catch (LlmRequestException e)
        {
            // The replies received before the failure were paid for; the failed request itself got none and cost nothing.
            return AgentResult.Failed(e.Error, sample.Usage);
        }
    }

    /// <summary>One episode's running tokens and cost, and the cache tag of its next request: the sample (seed,
    /// iteration, attempt) and the request's number within the episode.</summary>
    private sealed class Sample(string tag)
    {
        private int _requests;

        public LlmUsage Usage { get; private set; } = LlmUsage.Zero;

        public ChatOptions Next(ChatOptions options) => options.WithAttempt($"{tag} request {++_requests}");

        /// <summary>Adds a request's usage to the episode's, and returns it as the request's cycle or subtask logs it:
        /// tokens only. What a request cost and whether the cache served it depend on what the cache held, so a rerun
        /// from the cache or a resume would otherwise log another line; the episode's usage carries the cost.</summary>
        public LlmUsage Spend(LlmUsage usage)
        {
            Usage += usage;
            return new LlmUsage(usage.PromptTokens, usage.CompletionTokens, null);
        }
    }

    private async Task<AgentResult> AnswerAsync(AgentRequest request, Sample sample, CancellationToken cancellationToken)
    {
        var cycles = new List<PlannerCycle>();
        var plannerOptions = Sampling(settings.PlannerModel);
        var executorOptions = Sampling(settings.ExecutorModel);
        if (settings.Mode != LlmAgentConfig.OfflineExecutor && tools is not null && settings.MaxToolCalls > 0
            && await tools.GetToolsAsync(request, cancellationToken) is { Count: > 0 } offered)
            executorOptions.Tools = offered.ToList();
        var task = request.Task;

        // The task as the planner and the executor see it: the question, and the attached files with how the tools reach them.
        var question = task.Question + Prompts.Attachments(task.Attachments ?? [], executorOptions.Tools ?? []);
        if (settings.ExecutorOnly) return await ExecutorAloneAsync(task, question, sample, executorOptions, cancellationToken);
        List<ChatMessage> history = [new(ChatRole.System, Prompts.Planner), Question(task, question, task.AsksConfidence ? Prompts.PlannerConfidenceFormat : null)];
        if (Prompts.Memory(request.Cases) is { } memory) history.Add(new ChatMessage(ChatRole.User, memory));

        var plan = "";
        var results = new List<string>();
        for (var cycle = 1; cycle <= settings.MaxCycles; cycle++)
        {
            var replied = await planner.GetResponseAsync(history, sample.Next(plannerOptions), cancellationToken);
            var planned = sample.Spend(_plannerMeter.Measure(replied.Usage));
            var reply = replied.Text;
            history.Add(new ChatMessage(ChatRole.Assistant, reply));
            if (FinalAnswer(task, reply) is { } answer)
            {
                cycles.Add(new PlannerCycle(cycle, FinalAnswer: answer, Usage: planned));
                return new AgentResult(answer, plan, sample.Usage, cycles);
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
                var subtask = $"Task {step.Id}: {step.Description}";
                List<ChatMessage> messages =
                [
                    new(ChatRole.System, Prompts.Executor),
                    WithImage(task, Context(question, results) + subtask),
                ];
                var executed = await executor.GetResponseAsync(messages, sample.Next(executorOptions), cancellationToken);
                var spent = sample.Spend(_executorMeter.Measure(executed.Usage));
                subtasks.Add(new SubtaskTrace(step.Id, step.Description, executed.Text, ToolCalls(executed.Messages), spent));
                results.Add($"Task {step.Id} result: {executed.Text}");
                report.Append(results[^1]).Append('\n');
            }
            cycles.Add(new PlannerCycle(cycle, Subtasks: subtasks, Usage: planned));
            history.Add(new ChatMessage(ChatRole.User, report.ToString().TrimEnd()));
        }
        history.Add(new ChatMessage(ChatRole.User, task.AsksConfidence ? Prompts.AnswerNowWithConfidence : Prompts.AnswerNow));
        var closing = await planner.GetResponseAsync(history, sample.Next(plannerOptions), cancellationToken);
        var closed = sample.Spend(_plannerMeter.Measure(closing.Usage));
        var last = FinalAnswer(task, closing.Text) ?? closing.Text.Trim();
        cycles.Add(new PlannerCycle(settings.MaxCycles + 1, FinalAnswer: last, Usage: closed));
        return new AgentResult(last, plan, sample.Usage, cycles);
    }

    /// <summary>The two executor-only rungs of the paper's ablation (Table 5): the executor model answers the question in
    /// one request — with its tools (online) or without (offline) — and no planner, plan or memory is involved. Logged as
    /// one cycle with one subtask, so its tool calls count like a plan step's.</summary>
    private async Task<AgentResult> ExecutorAloneAsync(Core.Tasks.QaTask task, string question, Sample sample, ChatOptions options, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, options.Tools is { Count: > 0 } ? Prompts.ExecutorAloneWithTools : Prompts.ExecutorAlone),
            Question(task, question, task.AsksConfidence ? Prompts.ConfidenceFormat : null),
        ];
        var executed = await executor.GetResponseAsync(messages, sample.Next(options), cancellationToken);
        var spent = sample.Spend(_executorMeter.Measure(executed.Usage));
        var text = executed.Text;
        var answer = task.AsksConfidence ? PlanParser.ConfidenceBlock(text) : PlanParser.TryFinalAnswer(text) ?? text.Trim();
        var trace = new SubtaskTrace("1", $"answer the question alone ({settings.Mode})", text, ToolCalls(executed.Messages), spent);
        return new AgentResult(answer, "", sample.Usage, [new PlannerCycle(1, [trace], answer)]);
    }

    /// <summary>The planner's final answer: the FINAL ANSWER line, or for a task that asks for a confidence the three
    /// lines after the tag; null when the reply holds none.</summary>
    private static string? FinalAnswer(Core.Tasks.QaTask task, string reply) =>
        task.AsksConfidence ? PlanParser.TryFinalBlock(reply) : PlanParser.TryFinalAnswer(reply);

    /// <summary>The question as the first user message, with the answer format the task asks for and its image.</summary>
    private ChatMessage Question(Core.Tasks.QaTask task, string question, string? format) =>
        WithImage(task, format is null ? question : $"{question}\n\n{format}");

    /// <summary>A user message with the task's image as an image part when the models take images (agent.images).</summary>
    private ChatMessage WithImage(Core.Tasks.QaTask task, string text) =>
        settings.Images && task.Image is { } image
            ? new ChatMessage(ChatRole.User, [new TextContent(text), new DataContent(image)])
            : new ChatMessage(ChatRole.User, text);

    /// <summary>The tool calls of one executor run (the function-invocation loop returns every round's messages),
    /// each paired with its result by call id and with the structured fields its tool attached.</summary>
    private static IReadOnlyList<ToolCallTrace> ToolCalls(IList<ChatMessage> messages)
    {
        // A tool that threw is a failed call like one that answered with an error.
        var results = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>()
            .GroupBy(r => r.CallId).ToDictionary(g => g.Key, g => g.First() is { Exception: { } thrown } ? ToolCallTrace.ErrorPrefix + thrown.Message : g.First().Result);
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

    /// <summary>An o-series reasoning model (o1, o3, o3-mini, ...), which takes no temperature.</summary>
    internal static bool IsReasoningModel(string model) =>
        model.Length >= 2 && model[0] == 'o' && char.IsDigit(model[1]);

    public async ValueTask DisposeAsync()
    {
        await Disposables.DisposeAsync(tools);
        planner.Dispose();
        executor.Dispose();
    }
}
