using Memento.Core;
using Memento.Core.Agents;
using Memento.Core.Tasks;
using Memento.Llm;
using Memento.Llm.Loopback;
using Microsoft.Extensions.AI;
using NUnit.Framework;

namespace Memento.Tests.Llm;

/// <summary>Tool results live in the response cache, so a read-only rerun replays an episode even when the tool
/// would now answer differently (a search index that changed, a clock).</summary>
public class CachedToolsTests
{
    private static readonly QaTask Task = new("t12", "Question number 12?", ["answer 12"], "src");

    /// <summary>A lookup whose every result carries this provider's stamp, as a live tool's results drift.</summary>
    private static IToolProvider Lookup(string stamp, List<string> calls) => new FunctionTools(
        [AIFunctionFactory.Create((string key) =>
        {
            calls.Add(key);
            return $"FACT=answer {key[1..]}; fetched {stamp}";
        }, "lookup", "Looks a question up")], 200);

    private static async Task<AgentResult> ActAsync(string url, string cachePath, string mode, IToolProvider tools, bool cacheTools)
    {
        using var runtime = LlmWorld.Runtime(cachePath, mode);
        await using var agent = LlmWorld.Agent(LlmWorld.Settings(url), runtime, cacheTools ? new CachedTools(tools, runtime.Cache!, seed: 1) : tools);
        return await agent.ActAsync(new AgentRequest(Task, [], 1, new Random(1)), CancellationToken.None);
    }

    [Test]
    public async Task A_read_only_rerun_replays_tool_results_and_calls_neither_the_llm_nor_the_tool()
    {
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply);
        var cachePath = Path.Combine(TestPaths.TempDir(), "cache.sqlite");
        var firstCalls = new List<string>();
        var first = await ActAsync(server.BaseUrl, cachePath, "read-write", Lookup("monday", firstCalls), cacheTools: true);
        var requests = server.Requests;
        Assert.That(first.Answer, Is.EqualTo("answer 12"));
        Assert.That(firstCalls, Is.EqualTo(new[] { "q12" }));

        var rerunCalls = new List<string>();
        var rerun = await ActAsync(server.BaseUrl, cachePath, "read-only", Lookup("tuesday", rerunCalls), cacheTools: true);

        Assert.That(rerun.Answer, Is.EqualTo(first.Answer));
        Assert.That(rerun.Cycles, Is.EqualTo(first.Cycles).Using<IReadOnlyList<PlannerCycle>>((a, b) =>
            System.Text.Json.JsonSerializer.Serialize(a) == System.Text.Json.JsonSerializer.Serialize(b)));
        Assert.That(server.Requests, Is.EqualTo(requests), "no LLM request");
        Assert.That(rerunCalls, Is.Empty, "the tool result came from the cache");
    }

    [Test]
    public async Task Without_the_tool_cache_a_drifting_tool_breaks_a_read_only_rerun()
    {
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply);
        var cachePath = Path.Combine(TestPaths.TempDir(), "cache.sqlite");
        await ActAsync(server.BaseUrl, cachePath, "read-write", Lookup("monday", []), cacheTools: false);

        var error = Assert.ThrowsAsync<MementoException>(() => ActAsync(server.BaseUrl, cachePath, "read-only", Lookup("tuesday", []), cacheTools: false))!;
        Assert.That(error.Message, Does.Contain("cache miss in read-only mode"));
    }
}
