using System.Text.Json.Serialization;

namespace Memento.Core.Agents;

/// <summary>The tokens one box (agent or judge) used on LLM requests in one episode, and what they cost in USD at the
/// config's <c>prices</c>. <see cref="CostUsd"/> is null when a model it called has no price: unknown, never 0.
/// A box that used no LLM reports no usage at all (null), not zero.</summary>
public sealed record LlmUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens,
    [property: JsonPropertyName("cost_usd")] decimal? CostUsd)
{
    public static readonly LlmUsage Zero = new(0, 0, 0m);

    /// <summary>Usage from 64-bit token counts, saturated at <see cref="int.MaxValue"/>.</summary>
    public static LlmUsage Of(long promptTokens, long completionTokens, decimal? costUsd) =>
        new(Clamp(promptTokens), Clamp(completionTokens), costUsd);

    public static LlmUsage operator +(LlmUsage a, LlmUsage b) =>
        Of((long)a.PromptTokens + b.PromptTokens, (long)a.CompletionTokens + b.CompletionTokens, a.CostUsd + b.CostUsd);

    /// <summary>An episode's cost: the agent's plus the judge's; null when neither used an LLM or a price is missing.</summary>
    public static decimal? EpisodeCost(LlmUsage? agent, LlmUsage? judge) =>
        agent is null && judge is null ? null : ((agent ?? Zero) + (judge ?? Zero)).CostUsd;

    /// <summary>Usage read back from a log: no tokens and no cost means the box used no LLM.</summary>
    public static LlmUsage? Recorded(int promptTokens, int completionTokens, decimal? costUsd) =>
        promptTokens == 0 && completionTokens == 0 && costUsd is null ? null : new(promptTokens, completionTokens, costUsd);

    private static int Clamp(long value) => (int)Math.Min(value, int.MaxValue);
}
