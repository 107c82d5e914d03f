using System.Globalization;
using Memento.Core.Config;
using Memento.Llm;
using Memento.Reports;

namespace Memento.Cli.Running;

/// <summary>The CLI's lines about LLM tokens and cost: one warning before a run or sweep for models that have no
/// price, and the totals after it.</summary>
internal static class CostReport
{
    /// <summary>Warns once about every model the configs call that <c>prices</c> does not list.</summary>
    public static void WarnUnpriced(IEnumerable<ExperimentConfig> configs, TextWriter log)
    {
        var missing = configs.SelectMany(c => LlmFactory.ModelsInUse(c).Where(m => c.Prices?.ContainsKey(m) != true)).Distinct().ToList();
        if (missing.Count > 0)
            log.WriteLine($"warning: no price for {string.Join(", ", missing.Select(m => $"'{m}'"))} under prices:, so cost_usd stays empty " +
                          $"(e.g. prices: {{{missing[0]}: {{input_per_mtok: 2.0, output_per_mtok: 8.0}}}})");
    }

    /// <summary>Tokens and cost summed over every episode of a run or sweep folder; null when no LLM was used.</summary>
    public static string? Totals(string dir)
    {
        var episodes = ResultFolder.Load(dir).Points.SelectMany(p => p.Episodes).ToList();
        long Sum(Func<Core.Results.EpisodeRecord, int> tokens) => episodes.Sum(e => (long)tokens(e));
        var (prompt, completion) = (Sum(e => e.PromptTokens), Sum(e => e.CompletionTokens));
        var (judgePrompt, judgeCompletion) = (Sum(e => e.JudgePromptTokens), Sum(e => e.JudgeCompletionTokens));
        var priced = episodes.All(e => e.CostUsd is not null);
        if (prompt + completion + judgePrompt + judgeCompletion == 0 && !(priced && episodes.Count > 0)) return null;
        var cost = priced ? "$" + episodes.Sum(e => e.CostUsd!.Value).ToString("0.######", CultureInfo.InvariantCulture) : "unknown (a model has no price)";
        return string.Create(CultureInfo.InvariantCulture,
            $"tokens: agent {prompt:N0} prompt + {completion:N0} completion, judge {judgePrompt:N0} + {judgeCompletion:N0}; cost: {cost}");
    }
}
