using Memento.Core.Agents;
using Memento.Core.Config;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>The config's <c>prices</c> (USD per million tokens, by model name), turning the token usage of a model's
/// responses into <see cref="LlmUsage"/>.</summary>
public sealed class PriceList(IReadOnlyDictionary<string, ModelPrice>? prices)
{
    public static readonly PriceList None = new(null);

    public ModelMeter For(string model) => new(prices?.GetValueOrDefault(model));
}

/// <summary>Prices one model's responses. Tokens always count; the tokens of responses the SQLite cache served (marked
/// by <see cref="SqliteCachingChatClient"/>) are priced apart, as what those hits would have cost if sent, so the spent
/// cost leaves them out. No price → cost null.</summary>
public sealed class ModelMeter(ModelPrice? price)
{
    public LlmUsage Measure(UsageDetails? usage)
    {
        var prompt = usage?.InputTokenCount ?? 0;
        var completion = usage?.OutputTokenCount ?? 0;
        var (hitPrompt, hitCompletion) = (Count(usage, SqliteCachingChatClient.HitInputTokens), Count(usage, SqliteCachingChatClient.HitOutputTokens));
        var hits = Count(usage, SqliteCachingChatClient.Hits);
        return price is null
            ? LlmUsage.Of(prompt, completion, null, cacheHits: hits)
            : LlmUsage.Of(prompt, completion, Cost(prompt - hitPrompt, completion - hitCompletion), Cost(hitPrompt, hitCompletion), hits);
    }

    private decimal Cost(long prompt, long completion) =>
        (prompt * (decimal)price!.InputPerMTok + completion * (decimal)price.OutputPerMTok) / 1_000_000m;

    private static long Count(UsageDetails? usage, string key) =>
        usage?.AdditionalCounts?.TryGetValue(key, out var n) == true ? n : 0;
}
