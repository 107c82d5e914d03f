using Memento.Cli.Running;
using System.Text.Json;
using Memento.Core;
using Memento.Core.Agents;
using Memento.Core.Config;
using Memento.Core.Judging;
using Memento.Core.Results;
using Memento.Llm;
using Memento.Llm.Loopback;
using Memento.Tests.Core;
using Microsoft.Extensions.AI;
using NUnit.Framework;

namespace Memento.Tests.Llm;

/// <summary>Tokens and cost: prices per model, cache hits, unknown prices, per-episode and per-run totals.</summary>
public class CostTests
{
    private static readonly Dictionary<string, ModelPrice> Prices = new()
    {
        ["planner"] = new ModelPrice(2.0, 8.0),
        ["executor"] = new ModelPrice(1.0, 4.0),
    };

    private static UsageDetails Usage(int input, int output, int hitInput = 0, int hitOutput = 0, int hits = 0) => new()
    {
        InputTokenCount = input,
        OutputTokenCount = output,
        AdditionalCounts = new()
        {
            [SqliteCachingChatClient.HitInputTokens] = hitInput,
            [SqliteCachingChatClient.HitOutputTokens] = hitOutput,
            [SqliteCachingChatClient.Hits] = hits,
        },
    };

    [Test]
    public void A_meter_prices_tokens_per_million_and_prices_cache_hits_apart()
    {
        var prices = new PriceList(Prices);
        Assert.That(prices.For("planner").Measure(Usage(1_000_000, 500_000)), Is.EqualTo(new LlmUsage(1_000_000, 500_000, 6.0m)), "2 + 0.5 × 8");
        var withHit = prices.For("planner").Measure(Usage(300, 100, hitInput: 200, hitOutput: 100, hits: 1));
        Assert.That(withHit, Is.EqualTo(new LlmUsage(300, 100, 0.0002m, 0.0012m, 1)),
            "the hit's tokens count; only the 100 requested prompt tokens are spent; the hit would have cost 200 × 2 + 100 × 8 per million");
        Assert.That(withHit.CostWithHitsUsd, Is.EqualTo(0.0014m));
        var unknown = prices.For("gpt-unknown").Measure(Usage(10, 5, hitInput: 10, hitOutput: 5, hits: 1));
        Assert.That((unknown.CostUsd, unknown.CostWithHitsUsd, unknown.CacheHits), Is.EqualTo(((decimal?)null, (decimal?)null, 1)), "no price: unknown, not 0");
        Assert.That(new LlmUsage(1, 2, 0.5m, 0.25m, 1) + new LlmUsage(3, 4, null), Is.EqualTo(new LlmUsage(4, 6, null, 0.25m, 1)), "one unknown part makes the sum unknown");
        Assert.That((new LlmUsage(1, 2, 0.5m, 0.25m, 1) + new LlmUsage(3, 4, 0.125m, 0m, 0)).CostWithHitsUsd, Is.EqualTo(0.875m));
    }

    [Test]
    public void Prices_bind_per_model_and_a_missing_price_names_its_key()
    {
        var config = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse("""
            prices: {gpt-4.1: {input_per_mtok: 2.0, output_per_mtok: 8.0}, o3: {input_per_mtok: 2, output_per_mtok: 8}}
            """, "test")).Config;
        Assert.That(config.Prices!["gpt-4.1"], Is.EqualTo(new ModelPrice(2.0, 8.0)));
        Assert.That(config.Prices.Keys, Is.EquivalentTo(new[] { "gpt-4.1", "o3" }));

        var missing = Assert.Throws<MementoException>(() => ConfigLoader.FromTree(Plugins.All, YamlTree.Parse("prices: {o3: {input_per_mtok: 2}}", "test")))!;
        Assert.That(missing.Message, Is.EqualTo("config: prices.o3.output_per_mtok = '' is invalid; expected a number in [0, 1000000] (required)"));
        var unknown = Assert.Throws<MementoException>(() => ConfigLoader.FromTree(Plugins.All, YamlTree.Parse("prices: {o3: {input: 2}}", "test")))!;
        Assert.That(unknown.Message, Does.Contain("prices.o3.input"));
        var negative = Assert.Throws<MementoException>(() => ConfigLoader.FromTree(Plugins.All, YamlTree.Parse("prices: {o3: {input_per_mtok: -1, output_per_mtok: 1}}", "test")))!;
        Assert.That(negative.Message, Does.Contain("prices.o3.input_per_mtok = '-1'"));
    }

    [Test]
    public void Cache_charge_hits_is_refused_naming_what_replaced_it()
    {
        var error = Assert.Throws<MementoException>(() => ConfigLoader.FromTree(Plugins.All, YamlTree.Parse("cache: {path: c.sqlite, charge_hits: true}", "test")))!;
        Assert.That(error.Message, Does.StartWith("config: cache.charge_hits is no longer a key").And.Contain("cost_with_hits_usd"));
    }

    [Test]
    public async Task An_agent_reports_its_tokens_what_it_spent_and_what_its_cache_hits_would_have_cost()
    {
        var cache = Path.Combine(TestPaths.TempDir(), "llm.sqlite");
        var task = PlannerExecutorAgentTests.FakeTasksFor(4)[3];
        var request = new AgentRequest(task, [], 1, new Random(1));
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply);
        var settings = LlmWorld.Settings(server.BaseUrl);

        async Task<AgentResult> ActAsync(string mode)
        {
            using var runtime = LlmWorld.Runtime(cache, mode);
            await using var agent = LlmWorld.Agent(settings, runtime, new FunctionTools([LlmWorld.LookupTool()], 200), new PriceList(Prices));
            return await agent.ActAsync(request, CancellationToken.None);
        }

        // planner, executor (tool call), executor (answer), planner: 11 prompt and 7 completion tokens each.
        var paid = await ActAsync("read-write");
        var expected = (2 * 11 * 2.0m + 2 * 7 * 8.0m + 2 * 11 * 1.0m + 2 * 7 * 4.0m) / 1_000_000m;
        Assert.That(paid.Usage, Is.EqualTo(new LlmUsage(44, 28, expected)));

        var replayed = await ActAsync("read-only");
        Assert.That(replayed.Usage, Is.EqualTo(new LlmUsage(44, 28, 0m, expected, 4)),
            "served from the cache: tokens counted, nothing spent, the 4 hits priced at what they cost when requested");
        Assert.That(replayed.Usage!.CostWithHitsUsd, Is.EqualTo(paid.Usage!.CostUsd));
        Assert.That(server.Requests, Is.EqualTo(4));
    }

    private static EpisodeRecord Episode(int tokens, decimal? cost, string judgeError = "", int hits = 0) => new()
    {
        Iteration = 1, TaskId = $"t{tokens}", Source = "s", PromptTokens = tokens, CompletionTokens = 1, JudgePromptTokens = 2,
        JudgeCompletionTokens = 1, CostUsd = cost, CostWithHitsUsd = cost + hits, CacheHits = hits, JudgeError = judgeError,
    };

    [Test]
    public void The_summary_sums_tokens_costs_and_hits_of_every_episode_and_leaves_an_unknown_cost_empty()
    {
        var priced = SummaryRow.From([Episode(10, 0.25m, hits: 2), Episode(20, 0.5m, judgeError: "unparseable"), Episode(30, 0.125m, hits: 1)]).Single(r => r.Source == "all");
        Assert.That((priced.N, priced.PromptTokens, priced.CompletionTokens, priced.JudgePromptTokens, priced.CostUsd),
            Is.EqualTo((2, 60L, 3L, 6L, (decimal?)0.875m)), "the unscored episode is out of n but its tokens and cost were spent");
        Assert.That((priced.CostWithHitsUsd, priced.CacheHits), Is.EqualTo(((decimal?)3.875m, 3)));
        var unknown = SummaryRow.From([Episode(10, 0.25m), Episode(30, null)]).Single(r => r.Source == "all");
        Assert.That((unknown.CostUsd, unknown.CostWithHitsUsd), Is.EqualTo(((decimal?)null, (decimal?)null)));
    }

    /// <summary>A CSV file of <paramref name="rows"/> as written before the <paramref name="dropped"/> columns existed.</summary>
    private static string WrittenWithout<T>(IEnumerable<T> rows, params string[] dropped)
    {
        var path = Path.Combine(TestPaths.TempDir(), typeof(T).Name + ".csv");
        CsvFiles.Write(path, rows);
        var lines = File.ReadAllLines(path).Select(l => l.Split(',')).ToList();
        var keep = Enumerable.Range(0, lines[0].Length).Where(i => !dropped.Contains(lines[0][i])).ToList();
        File.WriteAllLines(path, lines.Select(cells => string.Join(',', keep.Select(i => cells[i]))));
        return path;
    }

    [Test]
    public void Episodes_and_summaries_written_before_the_two_costs_read_with_them_empty()
    {
        var episodes = CsvFiles.Read<EpisodeRecord>(WrittenWithout([Episode(10, 0.25m, hits: 2)], "cost_with_hits_usd", "cache_hits", "error_kind"));
        Assert.That(episodes.Select(e => (e.CostUsd, e.CostWithHitsUsd, e.CacheHits)), Is.EqualTo(new[] { ((decimal?)0.25m, (decimal?)null, 0) }));
        var summary = CsvFiles.Read<SummaryRow>(WrittenWithout(SummaryRow.From(episodes), "cost_with_hits_usd", "cache_hits", "errors", "errors_by_kind"));
        Assert.That(summary.Select(r => (r.Source, r.CostUsd, r.CostWithHitsUsd, r.CacheHits)),
            Is.EqualTo(new[] { ("s", (decimal?)0.25m, (decimal?)null, 0), ("all", 0.25m, null, 0) }));
    }

    [Test]
    public void A_simulator_episode_logs_no_llm_fields()
    {
        var line = TrajectoryLine.Of(FakeEpisodes.Make(1, "t", new AgentResult("a", "p"), new Judgement(false, 0, null), 0)).Serialize();
        Assert.That(line, Is.EqualTo("""{"episode":1,"iteration":1,"attempt":1,"task_id":"t","agent":{"answer":"a","plan":"p"},"judgement":{"exact_match":false,"f1":0},"reward":0}"""));
    }
}
