using System.Text.Json.Serialization;

namespace Memento.Core.Agents;

/// <summary>The tokens one box (agent or judge) used on LLM requests in one episode, and what they cost in USD at the
/// config's <c>prices</c>. Tokens count every response; <see cref="CostUsd"/> is what was spent — responses served from
/// the response cache (<see cref="CacheHits"/>) cost nothing — and <see cref="HitCostUsd"/> what those cached responses
/// would have cost if sent, so <see cref="CostWithHitsUsd"/> is the experiment's cost whatever the cache held.
/// <see cref="CostUsd"/> is null when a model it called has no price: unknown, never 0. A box that used no LLM reports
/// no usage at all (null), not zero.</summary>
public sealed record LlmUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens,
    [property: JsonPropertyName("cost_usd")] decimal? CostUsd,
    [property: JsonPropertyName("hit_cost_usd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] decimal HitCostUsd = 0m,
    [property: JsonPropertyName("cache_hits"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int CacheHits = 0)
{
    public static readonly LlmUsage Zero = new(0, 0, 0m);

    /// <summary>The cost with cache hits priced as if they were sent; null when a price is missing.</summary>
    [JsonIgnore] public decimal? CostWithHitsUsd => CostUsd + HitCostUsd;

    /// <summary>Usage from 64-bit counts, saturated at <see cref="int.MaxValue"/>.</summary>
    public static LlmUsage Of(long promptTokens, long completionTokens, decimal? costUsd, decimal hitCostUsd = 0m, long cacheHits = 0) =>
        new(Clamp(promptTokens), Clamp(completionTokens), costUsd, hitCostUsd, Clamp(cacheHits));

    public static LlmUsage operator +(LlmUsage a, LlmUsage b) =>
        Of((long)a.PromptTokens + b.PromptTokens, (long)a.CompletionTokens + b.CompletionTokens, a.CostUsd + b.CostUsd,
            a.HitCostUsd + b.HitCostUsd, (long)a.CacheHits + b.CacheHits);

    /// <summary>An episode's usage: the agent's plus the judge's; null when neither used an LLM.</summary>
    public static LlmUsage? OfEpisode(LlmUsage? agent, LlmUsage? judge) =>
        agent is null && judge is null ? null : (agent ?? Zero) + (judge ?? Zero);

    /// <summary>Usage read back from a log: no tokens and no cost means the box used no LLM.</summary>
    public static LlmUsage? Recorded(int promptTokens, int completionTokens, decimal? costUsd) =>
        promptTokens == 0 && completionTokens == 0 && costUsd is null ? null : new(promptTokens, completionTokens, costUsd);

    private static int Clamp(long value) => (int)Math.Min(value, int.MaxValue);
}
