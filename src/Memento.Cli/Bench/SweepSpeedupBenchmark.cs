using System.Diagnostics;
using Memento.Cli.Running;
using Memento.Core.Config;
using Memento.Core.Results;
using Memento.Llm.Loopback;

namespace Memento.Cli.Bench;

/// <summary>
/// <c>sweep_speedup.N</c>: how much faster <c>memento sweep --jobs N</c> finishes the same LLM sweep than <c>--jobs 1</c>,
/// time(jobs 1) / time(jobs N): 8 grid points of planner–executor episodes (3 requests each, one at a time within a
/// point) against the loopback server at a fixed 100 ms per request, run by the sweep runner itself — shared cache
/// (off here) and request gate, a results folder per point, each point's report — into a temporary folder.
/// </summary>
internal sealed class SweepSpeedupBenchmark(bool quick, Action<string> log)
{
    private const int Points = 8;

    public async Task MeasureAsync(FigureTable figures)
    {
        var episodes = quick ? 8 : 32;
        var work = Directory.CreateTempSubdirectory("memento-bench-sweep-").FullName;
        try
        {
            var tasks = Path.Combine(work, "tasks.jsonl");
            File.WriteAllLines(tasks, Enumerable.Range(0, episodes).Select(i => $$"""{"id":"b{{i}}","question":"Bench question {{i}}?","answer":"answer {{i}}","source":"bench"}"""));
            using var server = new LoopbackOpenAiServer(LlmSpeedupBenchmark.Reply, LlmSpeedupBenchmark.Latency);
            var serial = 0.0;
            foreach (var jobs in new[] { 1, 2, 4 })
            {
                var seconds = await RunAsync(server.BaseUrl, tasks, Path.Combine(work, $"jobs{jobs}"), jobs);
                if (jobs == 1)
                {
                    serial = seconds;
                    figures["sweep_serial_s"] = Math.Round(seconds, 2);
                }
                figures[$"sweep_speedup.{jobs}"] = Math.Round(serial / seconds, 2);
                log($"sweep --jobs {jobs}: {Points} points × {episodes} episodes at {LlmSpeedupBenchmark.Latency.TotalMilliseconds:0} ms/request in {seconds:F2} s");
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<double> RunAsync(string baseUrl, string tasks, string dir, int jobs)
    {
        var sweep = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse($$"""
            name: bench-sweep
            dataset: {kind: jsonl, path: "{{tasks}}"}
            agent: {kind: llm, base_url: "{{baseUrl}}", planner_model: planner, executor_model: executor, api_key_env: null}
            memory: {policy: none, k: 0}
            schedule: {iterations: 1, parallelism: 1}
            cache: {mode: off}
            grid: {seed: [{{string.Join(", ", Enumerable.Range(1, Points))}}]}
            """, "bench"));
        var points = SweepRunner.Prepare(sweep, Shard.All);
        var context = new RunContext(new PlainProgress(TextWriter.Null), Invocation.Of(["sweep", "--jobs", jobs.ToString()], []), TextWriter.Null, CancellationToken.None);
        Directory.CreateDirectory(dir);
        var clock = Stopwatch.StartNew();
        await SweepRunner.RunAsync(sweep, points, dir, context, jobs: jobs);
        var seconds = clock.Elapsed.TotalSeconds;
        var correct = points.Sum(p => CsvFiles.Read<EpisodeRecord>(new RunFolder(Path.Combine(dir, p.Point.FolderName)).Episodes).Sum(e => e.Reward ?? 0));
        var expected = points.Sum(p => p.Inputs.Tasks.Count);
        if (correct != expected) throw new InvalidOperationException($"sweep bench: {correct} of {expected} episodes answered right; the script is broken");
        return seconds;
    }
}
