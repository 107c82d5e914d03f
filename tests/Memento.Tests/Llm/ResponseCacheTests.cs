using Memento.Llm.Loopback;
using System.Text.Json;
using Memento.Core;
using Memento.Core.Agents;
using Memento.Core.Tasks;
using Memento.Llm;
using Microsoft.Extensions.AI;
using NUnit.Framework;
using Memento.Core.Plugins;

namespace Memento.Tests.Llm;

public class ResponseCacheTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("memento-cache-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static AgentRequest Request(QaTask task, int attempt = 1) => new(task, [], attempt, new Random(1), 1);

    /// <summary>What a rerun from the cache reproduces: all but the count of responses the cache served.</summary>
    private static (string, string, LlmUsage?, string) Comparable(AgentResult r) => (r.Answer, r.Plan, r.Usage! with { CacheHits = 0 }, JsonSerializer.Serialize(r.Cycles));

    [Test]
    public async Task A_read_only_rerun_makes_no_request_and_reproduces_the_answers()
    {
        var cache = Path.Combine(_dir, "llm.sqlite");
        var tasks = PlannerExecutorAgentTests.FakeTasksFor(6);
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply);
        AgentResult[] first;
        using (var runtime = LlmWorld.Runtime(cache))
        await using (var agent = LlmWorld.Agent(LlmWorld.Settings(server.BaseUrl), runtime, new FunctionTools([LlmWorld.LookupTool()], 200)))
        {
            first = await Task.WhenAll(tasks.Select(t => agent.ActAsync(Request(t), CancellationToken.None)));
            Assert.That(server.Requests, Is.EqualTo(24));
            Assert.That(runtime.Cache!.Count, Is.EqualTo(24), "every response stored");
        }

        // The endpoint is part of the key, so the rerun points at the same URL; the server counts what reaches it.
        using var replayRuntime = LlmWorld.Runtime(cache, "read-only");
        await using var replay = LlmWorld.Agent(LlmWorld.Settings(server.BaseUrl), replayRuntime, new FunctionTools([LlmWorld.LookupTool()], 200));
        var second = await Task.WhenAll(tasks.Select(t => replay.ActAsync(Request(t), CancellationToken.None)));

        Assert.That(server.Requests, Is.EqualTo(24), "no HTTP request in read-only mode");
        Assert.That(second.Select(Comparable), Is.EqualTo(first.Select(Comparable)), "same answers, plans, token counts and trajectories");
        Assert.That(replayRuntime.Cache!.Hits, Is.EqualTo(24));
        Assert.That((first.Sum(r => r.Usage!.CacheHits), second.Sum(r => r.Usage!.CacheHits)), Is.EqualTo((0, 24)), "each result counts its hits");
    }

    [Test]
    public async Task A_rerun_from_the_cache_logs_an_unparsed_planner_reply_as_the_first_run_did()
    {
        var cache = Path.Combine(_dir, "llm.sqlite");
        var task = PlannerExecutorAgentTests.FakeTasksFor(1)[0];
        // The planner's first reply is neither a plan nor a final answer; it is asked again.
        using var server = new LoopbackOpenAiServer(r => r.Model == "planner" && r.Messages.Count == 2 ? LoopbackReply.Text("Let me think about it.") : LlmWorld.Reply(r));
        AgentResult first;
        using (var runtime = LlmWorld.Runtime(cache))
        await using (var agent = LlmWorld.Agent(LlmWorld.Settings(server.BaseUrl), runtime, tools: null))
            first = await agent.ActAsync(Request(task), CancellationToken.None);
        Assert.That(first.Cycles![0].UnparsedReply, Is.EqualTo("Let me think about it."));

        using var replayRuntime = LlmWorld.Runtime(cache, "read-only");
        await using var replay = LlmWorld.Agent(LlmWorld.Settings(server.BaseUrl), replayRuntime, tools: null);
        var second = await replay.ActAsync(Request(task), CancellationToken.None);

        Assert.That(JsonSerializer.Serialize(second.Cycles), Is.EqualTo(JsonSerializer.Serialize(first.Cycles)), "a cycle logs its request's tokens, not whether the cache served it");
    }

    [Test]
    public async Task A_read_only_miss_is_a_clear_error_and_sends_nothing()
    {
        var cache = Path.Combine(_dir, "llm.sqlite");
        using var again = new LoopbackOpenAiServer(LlmWorld.Reply);
        using (var runtime = LlmWorld.Runtime(cache))
        await using (var agent = LlmWorld.Agent(LlmWorld.Settings(again.BaseUrl), runtime, tools: null))
            await agent.ActAsync(Request(PlannerExecutorAgentTests.FakeTasksFor(1)[0]), CancellationToken.None);
        var before = again.Requests;
        using var readOnly = LlmWorld.Runtime(cache, "read-only");
        await using var replay = LlmWorld.Agent(LlmWorld.Settings(again.BaseUrl), readOnly, tools: null);

        var error = Assert.ThrowsAsync<MementoException>(() => replay.ActAsync(Request(PlannerExecutorAgentTests.FakeTasksFor(2)[1]), CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("cache miss in read-only mode"));
        Assert.That(error.Message, Does.Contain("model 'planner'"));
        Assert.That(again.Requests, Is.EqualTo(before), "the miss sent nothing");
    }

    [Test]
    public void A_read_only_cache_must_exist()
    {
        var error = Assert.Throws<MementoException>(() => new SqliteResponseCache(Path.Combine(_dir, "none.sqlite"), readOnly: true))!;
        Assert.That(error.Message, Does.Contain("not found"));
    }

    [Test]
    public async Task Pass_at_k_attempts_are_not_collapsed_into_one_entry()
    {
        var cache = Path.Combine(_dir, "llm.sqlite");
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply);
        using var runtime = LlmWorld.Runtime(cache);
        await using var agent = LlmWorld.Agent(LlmWorld.Settings(server.BaseUrl), runtime, tools: null);
        var task = PlannerExecutorAgentTests.FakeTasksFor(1)[0];

        await agent.ActAsync(Request(task, attempt: 1), CancellationToken.None);
        await agent.ActAsync(Request(task, attempt: 2), CancellationToken.None);
        await agent.ActAsync(Request(task, attempt: 1), CancellationToken.None);

        Assert.That(server.Requests, Is.EqualTo(6), "attempt 2 asked the server again; the repeat of attempt 1 did not");
        Assert.That(runtime.Cache!.Count, Is.EqualTo(6));
        Assert.That(server.Received.All(r => r.Body["memento.attempt"] is null), "the attempt tag is never sent");
    }

    [Test]
    public void The_key_covers_endpoint_model_messages_tools_options_and_attempt()
    {
        var endpoint = new LlmEndpoint("http://a/v1", "m", "K", TimeSpan.FromSeconds(1));
        var client = new SqliteCachingChatClient(new NullClient(), null, endpoint);
        ChatMessage[] messages = [new(ChatRole.User, "hi")];
        var options = new ChatOptions { Temperature = 0 };
        var key = client.Key(messages, options, "1");

        Assert.That(client.Key([new(ChatRole.User, "hi")], new ChatOptions { Temperature = 0 }, "1"), Is.EqualTo(key), "stable");
        Assert.That(client.Key(messages, options, "2"), Is.Not.EqualTo(key), "attempt");
        Assert.That(client.Key([new(ChatRole.User, "hi!")], options, "1"), Is.Not.EqualTo(key), "messages");
        Assert.That(client.Key(messages, new ChatOptions { Temperature = 0.5f }, "1"), Is.Not.EqualTo(key), "sampling");
        Assert.That(client.Key(messages, new ChatOptions { Temperature = 0, Tools = [LlmWorld.LookupTool()] }, "1"), Is.Not.EqualTo(key), "tools");
        var other = new SqliteCachingChatClient(new NullClient(), null, endpoint with { Model = "m2" });
        Assert.That(other.Key(messages, options, "1"), Is.Not.EqualTo(key), "model");
        var otherUrl = new SqliteCachingChatClient(new NullClient(), null, endpoint with { BaseUrl = "http://b/v1" });
        Assert.That(otherUrl.Key(messages, options, "1"), Is.Not.EqualTo(key), "endpoint");
    }

    private sealed class NullClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
        public void Dispose() { }
    }
}
