using System.Globalization;
using Memento.Core.Config;
using Memento.Core.Results;
using Memento.Reports;

namespace Memento.Cli.Running;

/// <summary>The CLI's lines about LLM tokens and cost: one warning before a run or sweep for models that have no
/// price, and the totals after it.</summary>
internal static class CostReport
{
    /// <summary>Warns once about every model the configs call that <c>prices</c> does not list.</summary>
    public static void WarnUnpriced(IEnumerable<ExperimentConfig> configs, TextWriter log)
    {
        var missing = configs.SelectMany(c => Plugins.All.Endpoints(c).Where(e => !e.Embeddings).Select(e => e.Endpoint.Model)
            .Where(m => c.Prices?.ContainsKey(m) != true)).Distinct().ToList();
        if (missing.Count > 0)
            log.WriteLine($"warning: no price for {string.Join(", ", missing.Select(m => $"'{m}'"))} under prices:, so cost_usd stays empty " +
                          $"(e.g. prices: {{{missing[0]}: {{input_per_mtok: 2.0, output_per_mtok: 8.0}}}})");
    }

    /// <summary>Tokens and cost summed over every episode of a run or sweep folder; null when no LLM was used. The cost is
    /// both what was spent (cache hits free) and what the experiment costs with its cache hits priced as if sent:
    /// <c>cost: $0.017997 spent · $0.037167 with 8 cache hits priced</c>.</summary>
    public static string? Totals(string dir)
    {
        var episodes = ResultFolder.Load(dir).Points.SelectMany(p => p.Episodes).ToList();
        long Sum(Func<EpisodeRecord, int> count) => episodes.Sum(e => (long)count(e));
        var (prompt, completion) = (Sum(e => e.PromptTokens), Sum(e => e.CompletionTokens));
        var (judgePrompt, judgeCompletion) = (Sum(e => e.JudgePromptTokens), Sum(e => e.JudgeCompletionTokens));
        var priced = episodes.All(e => e.CostUsd is not null);
        if (prompt + completion + judgePrompt + judgeCompletion == 0 && !(priced && episodes.Count > 0)) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"tokens: agent {prompt:N0} prompt + {completion:N0} completion, judge {judgePrompt:N0} + {judgeCompletion:N0}; cost: {Cost(episodes)}");
    }

    private static string Cost(IReadOnlyList<EpisodeRecord> episodes)
    {
        // A request that got no reply cost nothing, so only a reply from a model without a price leaves a cost unknown.
        if (episodes.Count(e => e.CostUsd is null) is > 0 and var unpriced)
            return $"unknown ({unpriced} of {episodes.Count} episodes got replies from a model without a price under prices:)";
        var spent = Usd(episodes.Sum(e => e.CostUsd!.Value)) + " spent";
        // Logs written before the priced figure was recorded have only what was spent.
        if (episodes.Any(e => e.CostWithHitsUsd is null)) return spent;
        var hits = episodes.Sum(e => (long)e.CacheHits + e.JudgeCacheHits);
        return $"{spent} · {Usd(episodes.Sum(e => e.CostWithHitsUsd!.Value))} with {hits} cache {(hits == 1 ? "hit" : "hits")} priced";
    }

    private static string Usd(decimal amount) => "$" + amount.ToString("0.######", CultureInfo.InvariantCulture);
}
