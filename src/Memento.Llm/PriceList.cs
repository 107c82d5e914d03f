using Memento.Core.Agents;
using Memento.Core.Config;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>The config's <c>prices</c> (USD per million tokens, by model name) and the cache-hit rule
/// (<c>cache.charge_hits</c>), turning the token usage of a model's responses into <see cref="LlmUsage"/>.</summary>
public sealed class PriceList(IReadOnlyDictionary<string, ModelPrice>? prices, bool chargeCacheHits)
{
    public static readonly PriceList None = new(null, false);

    public ModelMeter For(string model) => new(prices?.GetValueOrDefault(model), chargeCacheHits);
}

/// <summary>Prices one model's responses. Tokens always count; the tokens of responses the SQLite cache served (marked
/// by <see cref="SqliteCachingChatClient"/>) cost nothing unless cache hits are charged. No price → cost null.</summary>
public sealed class ModelMeter(ModelPrice? price, bool chargeCacheHits)
{
    public LlmUsage Measure(UsageDetails? usage)
    {
        var prompt = usage?.InputTokenCount ?? 0;
        var completion = usage?.OutputTokenCount ?? 0;
        decimal? cost = null;
        if (price is not null)
        {
            var (paidPrompt, paidCompletion) = chargeCacheHits
                ? (prompt, completion)
                : (prompt - Count(usage, SqliteCachingChatClient.HitInputTokens), completion - Count(usage, SqliteCachingChatClient.HitOutputTokens));
            cost = (paidPrompt * (decimal)price.InputPerMTok + paidCompletion * (decimal)price.OutputPerMTok) / 1_000_000m;
        }
        return LlmUsage.Of(prompt, completion, cost);
    }

    private static long Count(UsageDetails? usage, string key) =>
        usage?.AdditionalCounts?.TryGetValue(key, out var n) == true ? n : 0;
}
