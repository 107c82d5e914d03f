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

    private static UsageDetails Usage(int input, int output, int hitInput = 0, int hitOutput = 0) => new()
    {
        InputTokenCount = input,
        OutputTokenCount = output,
        AdditionalCounts = new()
        {
            [SqliteCachingChatClient.HitInputTokens] = hitInput,
            [SqliteCachingChatClient.HitOutputTokens] = hitOutput,
        },
    };

    [Test]
    public void A_meter_prices_tokens_per_million_and_cache_hits_only_when_charged()
    {
        var free = new PriceList(Prices, chargeCacheHits: false);
        Assert.That(free.For("planner").Measure(Usage(1_000_000, 500_000)), Is.EqualTo(new LlmUsage(1_000_000, 500_000, 6.0m)), "2 + 0.5 × 8");
        Assert.That(free.For("planner").Measure(Usage(300, 100, hitInput: 200, hitOutput: 100)), Is.EqualTo(new LlmUsage(300, 100, 0.0002m)),
            "the hit's tokens count but only the 100 requested prompt tokens are paid");
        var charged = new PriceList(Prices, chargeCacheHits: true);
        Assert.That(charged.For("planner").Measure(Usage(300, 100, hitInput: 200, hitOutput: 100)).CostUsd, Is.EqualTo(0.0014m));
        Assert.That(free.For("gpt-unknown").Measure(Usage(10, 5)), Is.EqualTo(new LlmUsage(10, 5, null)), "no price: unknown, not 0");
        Assert.That(new LlmUsage(1, 2, 0.5m) + new LlmUsage(3, 4, null), Is.EqualTo(new LlmUsage(4, 6, null)), "one unknown part makes the sum unknown");
    }

    [Test]
    public void Prices_bind_per_model_and_a_missing_price_names_its_key()
    {
        var config = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse("""
            prices: {gpt-4.1: {input_per_mtok: 2.0, output_per_mtok: 8.0}, o3: {input_per_mtok: 2, output_per_mtok: 8}}
            cache: {path: c.sqlite, charge_hits: true}
            """, "test")).Config;
        Assert.That(config.Prices!["gpt-4.1"], Is.EqualTo(new ModelPrice(2.0, 8.0)));
        Assert.That(config.Prices.Keys, Is.EquivalentTo(new[] { "gpt-4.1", "o3" }));
        Assert.That(config.Cache!.ChargeHits, Is.True);

        var missing = Assert.Throws<MementoException>(() => ConfigLoader.FromTree(Plugins.All, YamlTree.Parse("prices: {o3: {input_per_mtok: 2}}", "test")))!;
        Assert.That(missing.Message, Is.EqualTo("config: prices.o3.output_per_mtok = '' is invalid; expected a number in [0, 1000000] (required)"));
        var unknown = Assert.Throws<MementoException>(() => ConfigLoader.FromTree(Plugins.All, YamlTree.Parse("prices: {o3: {input: 2}}", "test")))!;
        Assert.That(unknown.Message, Does.Contain("prices.o3.input"));
        var negative = Assert.Throws<MementoException>(() => ConfigLoader.FromTree(Plugins.All, YamlTree.Parse("prices: {o3: {input_per_mtok: -1, output_per_mtok: 1}}", "test")))!;
        Assert.That(negative.Message, Does.Contain("prices.o3.input_per_mtok = '-1'"));
    }

    [Test]
    public async Task An_agent_reports_its_tokens_and_cost_and_a_cache_replay_counts_tokens_at_the_configured_price()
    {
        var cache = Path.Combine(TestPaths.TempDir(), "llm.sqlite");
        var task = PlannerExecutorAgentTests.FakeTasksFor(4)[3];
        var request = new AgentRequest(task, [], 1, new Random(1));
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply);
        var settings = LlmWorld.Settings(server.BaseUrl);

        async Task<AgentResult> ActAsync(string mode, bool chargeHits)
        {
            using var runtime = LlmWorld.Runtime(cache, mode);
            await using var agent = LlmWorld.Agent(settings, runtime, new FunctionTools([LlmWorld.LookupTool()], 200), new PriceList(Prices, chargeHits));
            return await agent.ActAsync(request, CancellationToken.None);
        }

        // planner, executor (tool call), executor (answer), planner: 11 prompt and 7 completion tokens each.
        var paid = await ActAsync("read-write", chargeHits: false);
        var expected = (2 * 11 * 2.0m + 2 * 7 * 8.0m + 2 * 11 * 1.0m + 2 * 7 * 4.0m) / 1_000_000m;
        Assert.That(paid.Usage, Is.EqualTo(new LlmUsage(44, 28, expected)));

        var replayed = await ActAsync("read-only", chargeHits: false);
        Assert.That(replayed.Usage, Is.EqualTo(new LlmUsage(44, 28, 0m)), "served from the cache: tokens counted, nothing paid");
        var charged = await ActAsync("read-only", chargeHits: true);
        Assert.That(charged.Usage, Is.EqualTo(paid.Usage), "charge_hits: the cost the responses had when requested");
        Assert.That(server.Requests, Is.EqualTo(4));
    }

    private static EpisodeRecord Episode(int tokens, decimal? cost, string judgeError = "") => new()
    {
        Iteration = 1, TaskId = $"t{tokens}", Source = "s", PromptTokens = tokens, CompletionTokens = 1, JudgePromptTokens = 2,
        JudgeCompletionTokens = 1, CostUsd = cost, JudgeError = judgeError,
    };

    [Test]
    public void The_summary_sums_tokens_and_cost_of_every_episode_and_leaves_an_unknown_cost_empty()
    {
        var priced = SummaryRow.From([Episode(10, 0.25m), Episode(20, 0.5m, judgeError: "unparseable"), Episode(30, 0.125m)]).Single(r => r.Source == "all");
        Assert.That((priced.N, priced.PromptTokens, priced.CompletionTokens, priced.JudgePromptTokens, priced.CostUsd),
            Is.EqualTo((2, 60L, 3L, 6L, (decimal?)0.875m)), "the unscored episode is out of n but its tokens and cost were spent");
        var unknown = SummaryRow.From([Episode(10, 0.25m), Episode(30, null)]).Single(r => r.Source == "all");
        Assert.That(unknown.CostUsd, Is.Null);
    }

    [Test]
    public void A_simulator_episode_logs_no_llm_fields()
    {
        var line = TrajectoryLine.Of(FakeEpisodes.Make(1, "t", new AgentResult("a", "p"), new Judgement(false, 0, null), 0)).Serialize();
        Assert.That(line, Is.EqualTo("""{"episode":1,"iteration":1,"attempt":1,"task_id":"t","agent":{"answer":"a","plan":"p"},"judgement":{"exact_match":false,"f1":0},"reward":0}"""));
    }
}
