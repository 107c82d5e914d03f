using Memento.Llm.Loopback;
using Memento.Core;
using Memento.Core.Agents;
using Memento.Core.Memory;
using Memento.Core.Tasks;
using Memento.Llm;
using NUnit.Framework;

namespace Memento.Tests.Llm;

public class PlannerExecutorAgentTests
{
    private static readonly QaTask Task3 = new("t3", "Question number 3?", ["answer 3"], "odd");

    private static AgentRequest Request(QaTask task, IReadOnlyList<Case>? cases = null, int attempt = 1, int iteration = 1) =>
        new(task, cases ?? [], attempt, new Random(1), iteration);

    [Test]
    public async Task Plans_executes_with_a_tool_call_and_answers_with_the_plan_as_action()
    {
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply);
        using var runtime = LlmWorld.Runtime();
        await using var agent = LlmWorld.Agent(LlmWorld.Settings(server.BaseUrl), runtime, new FunctionTools([LlmWorld.LookupTool()], 200));
        Case[] cases =
        [
            new(0, "Question number 1?", LlmWorld.PlanFor(1), 1),
            new(1, "Question number 2?", """{"plan":[{"id":1,"description":"Guess"}]}""", 0),
        ];

        var result = await agent.ActAsync(Request(Task3, cases), CancellationToken.None);

        Assert.That(result.Answer, Is.EqualTo("answer 3"));
        Assert.That(result.Plan, Is.EqualTo(LlmWorld.PlanFor(3)), "the canonical JSON plan is the case's action");
        var received = server.Received;
        Assert.That(received.Select(r => r.Model), Is.EqualTo(new[] { "planner", "executor", "executor", "planner" }));
        // 4 calls × (11 prompt, 7 completion) tokens from the server's usage blocks.
        Assert.That(result.Usage, Is.EqualTo(new LlmUsage(44, 28, null)), "no prices configured: cost unknown");

        var memory = received[0].Messages[2]!["content"]!.ToString();
        Assert.That(memory, Does.StartWith("Positive Examples (reward=1) - Showing 1 of 1:\nExample 1:\nQuestion: Question number 1?\nPlan:\n1. Look up question 1 in the knowledge base"));
        Assert.That(memory, Does.Contain("Negative Examples (reward=0) - Showing 1 of 1:\nExample 1:\nQuestion: Question number 2?\nPlan:\n1. Guess"));
        Assert.That(received[0].HasTools, Is.False, "the planner never gets tools");
        Assert.That(received[1].HasTools, Is.True);
        Assert.That(received[1].LastContent, Does.EndWith("Task 1: Look up question 3 in the knowledge base"));
        Assert.That(received[2].LastRole, Is.EqualTo("tool"));
        Assert.That(received[2].LastContent, Is.EqualTo("FACT=answer 3; source: fixture kb"));
        Assert.That(received[3].LastContent, Is.EqualTo("Task 1 result: Found it: FACT=answer 3; source: fixture kb"));
    }

    [Test]
    public async Task Without_memory_there_is_no_memory_prompt()
    {
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply);
        using var runtime = LlmWorld.Runtime();
        await using var agent = LlmWorld.Agent(LlmWorld.Settings(server.BaseUrl), runtime, tools: null);
        var result = await agent.ActAsync(Request(Task3), CancellationToken.None);
        Assert.That(result.Answer, Is.EqualTo("answer 3"));
        Assert.That(server.Received[0].Messages, Has.Count.EqualTo(2), "system + question");
        Assert.That(server.Received[1].HasTools, Is.False);
    }

    [Test]
    public async Task Stops_after_max_cycles_and_asks_once_for_the_final_answer()
    {
        var plan = LoopbackReply.Text("""{"plan":[{"id":1,"description":"Think harder"}]}""");
        using var server = new LoopbackOpenAiServer(r => r.Model == "executor" ? LoopbackReply.Text("no idea")
            : r.LastContent.Contains("FINAL ANSWER: <answer>") ? LoopbackReply.Text("FINAL ANSWER: gave up") : plan);
        using var runtime = LlmWorld.Runtime();
        await using var agent = LlmWorld.Agent(LlmWorld.Settings(server.BaseUrl, maxCycles: 2), runtime, tools: null);

        var result = await agent.ActAsync(Request(Task3), CancellationToken.None);

        Assert.That(result.Answer, Is.EqualTo("gave up"));
        Assert.That(result.Plan, Is.EqualTo("""{"plan":[{"id":1,"description":"Think harder"}]}"""));
        Assert.That(server.Received.Count(r => r.Model == "planner"), Is.EqualTo(3), "2 cycles + the closing answer request");
        Assert.That(server.Received.Count(r => r.Model == "executor"), Is.EqualTo(2));
    }

    [Test]
    public async Task Retries_429_and_500_and_loses_no_episode()
    {
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply, faultRate: 0.3, faultSeed: 5);
        using var runtime = LlmWorld.Runtime();
        await using var agent = LlmWorld.Agent(LlmWorld.Settings(server.BaseUrl), runtime, new FunctionTools([LlmWorld.LookupTool()], 200));
        var tasks = FakeTasksFor(12);

        var results = await Task.WhenAll(tasks.Select(t => agent.ActAsync(Request(t), CancellationToken.None)));

        Assert.That(results.Select(r => r.Answer), Is.EqualTo(tasks.Select(t => t.GoldAnswers[0])));
        Assert.That(server.Faulted, Is.GreaterThan(5), "faults were injected");
        Assert.That(server.Requests, Is.EqualTo(server.Faulted + 48), "every fault was retried: 4 good calls per episode");
    }

    [Test]
    public async Task A_reply_slower_than_timeout_s_is_abandoned_and_retried()
    {
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply) { SlowReply = n => n == 1 ? TimeSpan.FromSeconds(3) : TimeSpan.Zero };
        using var runtime = LlmWorld.Runtime();
        await using var agent = LlmWorld.Agent(LlmWorld.Settings(server.BaseUrl) with { TimeoutS = 0.5 }, runtime, tools: null);

        var result = await agent.ActAsync(Request(Task3), CancellationToken.None);

        Assert.That(result.Answer, Is.EqualTo("answer 3"));
        Assert.That(server.Requests, Is.EqualTo(4), "the timed-out planner request was sent again");
    }

    [Test]
    public void Context_trimming_keeps_the_system_message_the_task_and_the_newest_turns()
    {
        var filler = string.Join(' ', Enumerable.Repeat("lorem", 300));
        List<Microsoft.Extensions.AI.ChatMessage> messages =
        [
            new(Microsoft.Extensions.AI.ChatRole.System, "system"),
            new(Microsoft.Extensions.AI.ChatRole.User, "the task"),
            new(Microsoft.Extensions.AI.ChatRole.Assistant, [new Microsoft.Extensions.AI.FunctionCallContent("c1", "lookup")]),
            new(Microsoft.Extensions.AI.ChatRole.Tool, [new Microsoft.Extensions.AI.FunctionResultContent("c1", "old " + filler)]),
            new(Microsoft.Extensions.AI.ChatRole.Assistant, [new Microsoft.Extensions.AI.FunctionCallContent("c2", "lookup")]),
            new(Microsoft.Extensions.AI.ChatRole.Tool, [new Microsoft.Extensions.AI.FunctionResultContent("c2", "new " + filler)]),
        ];
        Assert.That(ContextTrimmingChatClient.Trim(messages, 10_000), Is.SameAs(messages), "within budget: untouched");
        var trimmed = ContextTrimmingChatClient.Trim(messages, 400);
        Assert.That(trimmed, Is.EqualTo(new[] { messages[0], messages[1], messages[4], messages[5] }),
            "the oldest tool call goes together with its result");
    }

    [Test]
    public async Task A_failed_request_is_a_failed_episode_whose_error_has_its_kind_and_never_the_api_key()
    {
        const string secret = "sk-test-SECRET-0123456789";
        Environment.SetEnvironmentVariable("MEMENTO_TEST_KEY", secret);
        try
        {
            using var server = new LoopbackOpenAiServer(_ => throw new InvalidOperationException("bad request"));
            using var runtime = LlmWorld.Runtime();
            await using var agent = LlmWorld.Agent(LlmWorld.Settings(server.BaseUrl), runtime, tools: null);
            var result = await agent.ActAsync(Request(Task3), CancellationToken.None);
            Assert.That(server.Received[0].Authorization, Is.EqualTo("Bearer " + secret), "the key was sent");
            var error = result.Error!;
            Assert.That((error.Kind, result.Answer), Is.EqualTo(("bad_request", "")));
            Assert.That(error.Message, Does.Contain("HTTP 400").And.Contain("bad request").And.Contain(server.BaseUrl));
            Assert.That(error.Message, Does.Contain("<MEMENTO_TEST_KEY>"), "the server echoed the key; it was redacted");
            Assert.That(error.Message, Does.Not.Contain(secret));
            Assert.That(server.Requests, Is.EqualTo(1), "a 400 is not retried");
        }
        finally
        {
            Environment.SetEnvironmentVariable("MEMENTO_TEST_KEY", null);
        }
    }

    [Test]
    public void Plan_parser_reads_fenced_json_and_final_answers()
    {
        Assert.That(PlanParser.TryParse("```json\n{\"plan\":[{\"id\":1,\"description\":\"a\"},{\"id\":\"2\",\"description\":\"b\"}]}\n```"),
            Is.EqualTo(new[] { new PlanStep("1", "a"), new PlanStep("2", "b") }));
        Assert.That(PlanParser.TryParse("no plan here"), Is.Null);
        Assert.That(PlanParser.TryParse("{\"plan\": []}"), Is.Null);
        Assert.That(PlanParser.TryFinalAnswer("Reasoning...\nFINAL ANSWER: Paris\n"), Is.EqualTo("Paris"));
        Assert.That(PlanParser.TryFinalAnswer("{\"plan\": []}"), Is.Null);
        Assert.That(PlanParser.Serialize([new PlanStep("1", "a"), new PlanStep("x", "b")]),
            Is.EqualTo("""{"plan":[{"id":1,"description":"a"},{"id":"x","description":"b"}]}"""));
    }

    internal static QaTask[] FakeTasksFor(int n) =>
        Enumerable.Range(0, n).Select(i => new QaTask($"t{i}", $"Question number {i}?", [$"answer {i}"], "src")).ToArray();
}
