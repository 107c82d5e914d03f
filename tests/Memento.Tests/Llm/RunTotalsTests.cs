using System.Text.RegularExpressions;
using Memento.Core.Results;
using Memento.Llm.Loopback;
using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Llm;

/// <summary>`memento run` against the loopback server, twice on one cache file: the totals line (requests sent, retries
/// by status, cache hits, tool calls) and the cost line — what the run spent and what the experiment costs with its
/// cache hits priced — on stdout and in summary.csv.</summary>
[Category("EndToEnd")]
public partial class RunTotalsTests
{
    private readonly string _dir = TestPaths.TempDir();

    [OneTimeTearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    /// <summary>LlmWorld, except that the executor calls the built-in <c>calculate</c> tool once before it answers.</summary>
    private static LoopbackReply Script(LoopbackRequest r) => r.Model != "executor" ? LlmWorld.Reply(r)
        : r.LastRole == "tool" ? LoopbackReply.Text($"FACT=answer {Step().Match(r.AllContent).Groups[1].Value};")
        : LoopbackReply.Call("calculate", """{"expression":"6*7"}""");

    private string WriteConfig(string baseUrl)
    {
        var tasksPath = Path.Combine(_dir, "tasks.jsonl");
        File.WriteAllLines(tasksPath, Enumerable.Range(0, 4).Select(i => $$"""{"id":"q{{i}}","question":"Question number {{i}}?","answer":"answer {{i}}"}"""));
        var config = Path.Combine(_dir, "llm.yaml");
        File.WriteAllText(config, $$"""
            name: totals
            dataset: {kind: jsonl, path: {{tasksPath}}}
            agent: {kind: llm, base_url: "{{baseUrl}}", planner_model: planner, executor_model: executor, api_key_env: null, retry_delay_s: 0.005}
            memory: {policy: similarity, k: 2}
            schedule: {iterations: 1}
            judge: {kind: llm, reward: pm, model: judge}
            tools: {builtin: [calculate]}
            cache: {path: {{Path.Combine(_dir, "cache.sqlite")}}}
            prices:
              planner: {input_per_mtok: 2.0, output_per_mtok: 8.0}
              executor: {input_per_mtok: 1.0, output_per_mtok: 4.0}
              judge: {input_per_mtok: 1.0, output_per_mtok: 1.0}
            """);
        return config;
    }

    [Test]
    public async Task A_rerun_on_the_same_cache_spends_nothing_and_prices_its_cache_hits_at_what_the_first_run_spent()
    {
        using var server = new LoopbackOpenAiServer(Script, faultRate: 0.25, faultSeed: 5);
        var config = WriteConfig(server.BaseUrl);
        var first = Path.Combine(_dir, "first");
        var (exit, stdout, err) = await CliRunner.RunAsync("run", config, "--out", first);
        Assert.That(exit, Is.Zero, err);

        // Per episode: planner, executor (calls calculate), executor (answers), planner; 11 prompt and 7 completion
        // tokens each; the exact answers ask no judge. 4 episodes: 4 × (2 × (11·2 + 7·8) + 2 × (11·1 + 7·4)) per million.
        const string cost = "$0.000936";
        Assert.That(server.Faulted, Is.GreaterThan(0));
        var retries = Regex.Matches(err, @"\] retry \d/6 after (HTTP \d+)").GroupBy(m => m.Groups[1].Value)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} after {g.Key}");
        Assert.That(err, Does.Contain($"[totals] requests: {server.Requests} sent · retries: {string.Join(", ", retries)} · cache hits: 0 agent, 0 judge · tool calls: 4\n"),
            "every request sent, the retried ones included");
        Assert.That(server.Requests, Is.EqualTo(16 + server.Faulted));
        Assert.That(stdout, Does.Contain($"tokens: agent 176 prompt + 112 completion, judge 0 + 0; cost: {cost} spent · {cost} with 0 cache hits priced\n"));
        var all = CsvFiles.Read<SummaryRow>(Path.Combine(first, "summary.csv")).Single(r => r.Source == SummaryRow.AllSources);
        Assert.That((all.CostUsd, all.CostWithHitsUsd, all.CacheHits), Is.EqualTo(((decimal?)0.000936m, (decimal?)0.000936m, 0)));

        var sent = server.Requests;
        var second = Path.Combine(_dir, "second");
        (exit, stdout, err) = await CliRunner.RunAsync("run", config, "--out", second);
        Assert.That(exit, Is.Zero, err);
        Assert.That(server.Requests, Is.EqualTo(sent), "every response came from the cache");
        Assert.That(err, Does.Contain("[totals] requests: 0 sent · retries: 0 · cache hits: 16 agent, 0 judge · tool calls: 4\n"), "the tools still ran, their results from the cache");
        Assert.That(stdout, Does.Contain($"tokens: agent 176 prompt + 112 completion, judge 0 + 0; cost: $0 spent · {cost} with 16 cache hits priced\n"));
        all = CsvFiles.Read<SummaryRow>(Path.Combine(second, "summary.csv")).Single(r => r.Source == SummaryRow.AllSources);
        Assert.That((all.CostUsd, all.CostWithHitsUsd, all.CacheHits), Is.EqualTo(((decimal?)0m, (decimal?)0.000936m, 16)));
        var header = File.ReadLines(Path.Combine(second, "summary.csv")).First();
        Assert.That(header, Does.Contain(",cost_usd,cost_with_hits_usd,cache_hits,"));
    }

    [GeneratedRegex(@"Look up question (\d+)")]
    private static partial Regex Step();
}
