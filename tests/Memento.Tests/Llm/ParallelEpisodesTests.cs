using Memento.Cli.Running;
using Memento.Llm.Loopback;
using System.Diagnostics;
using Memento.Core.Config;
using Memento.Core.Judging;
using Memento.Core.Loop;
using Memento.Core.Memory;
using Memento.Core.Results;
using Memento.Tests.Core;
using NUnit.Framework;

namespace Memento.Tests.Llm;

public class ParallelEpisodesTests
{
    /// <summary>Runs <paramref name="episodes"/> LLM episodes through the memory loop at parallelism P against a server
    /// that takes <paramref name="latency"/> per request; returns the episodes, the wall time and the peak concurrency.</summary>
    private static async Task<(List<Episode> Episodes, TimeSpan Elapsed, int MaxInFlight)> RunAsync(int parallelism, int episodes, TimeSpan latency)
    {
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply, latency);
        using var runtime = LlmWorld.Runtime(maxConcurrency: 64);
        await using var agent = LlmWorld.Agent(LlmWorld.Settings(server.BaseUrl), runtime, tools: null);
        var tree = YamlTree.Parse($"schedule: {{iterations: 1, parallelism: {parallelism}}}\nmemory: {{k: 0}}\n", "test");
        var config = ConfigLoader.FromTree(Plugins.All, tree).Config;
        var sink = new EpisodeList();
        var clock = Stopwatch.StartNew();
        await new MemoryLoop(LoopSettings.Of(config), new NewestCasesPolicy(), agent, new DeepResearcherJudge(), new CaseBank())
            .RunAsync(PlannerExecutorAgentTests.FakeTasksFor(episodes), sink, CancellationToken.None);
        return (sink.Episodes, clock.Elapsed, server.MaxInFlight);
    }

    [Test]
    public async Task Eight_parallel_episodes_finish_several_times_faster_with_the_same_results()
    {
        var serial = await RunAsync(1, 16, TimeSpan.FromMilliseconds(50));
        var parallel = await RunAsync(8, 16, TimeSpan.FromMilliseconds(50));

        Assert.That(serial.MaxInFlight, Is.EqualTo(1));
        Assert.That(parallel.MaxInFlight, Is.EqualTo(8), "one wave = 8 episodes talking to the server at once");
        Assert.That(parallel.Episodes.Select(e => (e.Task.Id, e.Result.Answer, e.Result.Plan, e.Reward, e.Result.Usage?.PromptTokens)),
            Is.EqualTo(serial.Episodes.Select(e => (e.Task.Id, e.Result.Answer, e.Result.Plan, e.Reward, e.Result.Usage?.PromptTokens))));
        Assert.That(serial.Episodes.All(e => e.Reward == 1));
        var speedup = serial.Elapsed / parallel.Elapsed;
        TestContext.Out.WriteLine($"P=1 {serial.Elapsed.TotalSeconds:F2}s, P=8 {parallel.Elapsed.TotalSeconds:F2}s, speed-up {speedup:F1}x");
        Assert.That(speedup, Is.GreaterThan(4));
    }
}
