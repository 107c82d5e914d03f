using System.Diagnostics;
using System.Text.RegularExpressions;
using Memento.Cli.Running;
using Memento.Core.Config;
using Memento.Core.Loop;
using Memento.Core.Memory;
using Memento.Core.Tasks;
using Memento.Llm.Loopback;

namespace Memento.Cli.Bench;

/// <summary>
/// <c>llm_speedup.P</c>: how much faster <c>schedule.parallelism</c> P finishes the same LLM episodes than P = 1,
/// time(P = 1) / time(P), against a loopback OpenAI-compatible server that takes a fixed 100 ms per request. Each
/// episode is a real planner–executor episode through the product's chat pipeline (retries, cache layer, request gate,
/// OpenAI SDK over HTTP) with the default config: a plan, one executed subtask, a final answer — three requests.
/// </summary>
internal sealed partial class LlmSpeedupBenchmark(bool quick, Action<string> log)
{
    internal static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);

    public async Task MeasureAsync(FigureTable figures)
    {
        var episodes = quick ? 32 : 64;
        var tasks = Enumerable.Range(0, episodes).Select(i => new QaTask($"b{i}", $"Bench question {i}?", [$"answer {i}"], "bench")).ToArray();
        using var server = new LoopbackOpenAiServer(Reply, Latency);
        var serial = 0.0;
        foreach (var parallelism in new[] { 1, 4, 8, 16, 64 }.Where(p => p <= episodes))
        {
            var seconds = await RunAsync(server.BaseUrl, tasks, parallelism);
            if (parallelism == 1)
            {
                serial = seconds;
                figures["llm_serial_s"] = Math.Round(seconds, 2);
            }
            figures[$"llm_speedup.{parallelism}"] = Math.Round(serial / seconds, 2);
            log($"llm P={parallelism}: {episodes} episodes at {Latency.TotalMilliseconds:0} ms/request in {seconds:F2} s");
        }
    }

    private static async Task<double> RunAsync(string baseUrl, IReadOnlyList<QaTask> tasks, int parallelism)
    {
        var config = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse($$"""
            agent: {kind: llm, base_url: "{{baseUrl}}", planner_model: planner, executor_model: executor}
            memory: {policy: none, k: 0}
            schedule: {iterations: 1, parallelism: {{parallelism}}}
            cache: {mode: off}
            """, "bench")).Config;
        await using var boxes = ExperimentFactory.AgentAndJudge(config, tasks);
        var loop = new MemoryLoop(LoopSettings.Of(config), ExperimentFactory.Policy(config, tasks), boxes.Agent, boxes.Judge, new CaseBank());
        var sink = new CorrectCount();
        var clock = Stopwatch.StartNew();
        await loop.RunAsync(tasks, sink, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        if (sink.Correct != tasks.Count) throw new InvalidOperationException($"llm bench: {sink.Correct} of {tasks.Count} episodes answered right; the script is broken");
        return seconds;
    }

    /// <summary>The planner plans one lookup, the executor answers it, the planner gives the answer (to "... question N?").</summary>
    internal static LoopbackReply Reply(LoopbackRequest request)
    {
        var number = Number().Match(request.AllContent).Groups[1].Value;
        if (request.Model == "executor") return LoopbackReply.Text($"It is answer {number}.");
        return request.Has("result: It is answer")
            ? LoopbackReply.Text($"FINAL ANSWER: answer {number}")
            : LoopbackReply.Text($$"""{"plan":[{"id":1,"description":"Find the answer to question {{number}}"}]}""");
    }

    [GeneratedRegex(@"question (\d+)")]
    private static partial Regex Number();

    private sealed class CorrectCount : IEpisodeSink
    {
        public int Correct { get; private set; }
        public void Record(Episode episode) => Correct += episode.Reward ?? 0;
    }
}
