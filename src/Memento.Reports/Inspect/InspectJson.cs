using System.Globalization;
using System.Text.Json.Nodes;
using Memento.Core.Agents;

namespace Memento.Reports.Inspect;

/// <summary>Small shapes of inspect's log format used in several places: times, token usage, objects without nulls.</summary>
internal static class InspectJson
{
    /// <summary>An ISO 8601 time with its offset, as inspect writes <c>UtcDatetimeStr</c>.</summary>
    public static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);

    /// <summary>inspect's <c>ModelUsage</c>: input, output and total tokens, and the cost when it is known.</summary>
    public static JsonObject Usage(LlmUsage usage)
    {
        var result = new JsonObject
        {
            ["input_tokens"] = usage.PromptTokens,
            ["output_tokens"] = usage.CompletionTokens,
            ["total_tokens"] = (long)usage.PromptTokens + usage.CompletionTokens,
        };
        if (usage.CostUsd is { } cost) result["total_cost"] = cost;
        return result;
    }

    /// <summary>Usage per model as inspect's <c>model_usage</c> map.</summary>
    public static JsonObject Usages(IEnumerable<KeyValuePair<string, LlmUsage>> byModel)
    {
        var result = new JsonObject();
        foreach (var (model, usage) in byModel) result[model] = Usage(usage);
        return result;
    }

    /// <summary>Adds <paramref name="usage"/> to the model's entry.</summary>
    public static void Add(Dictionary<string, LlmUsage> byModel, string model, LlmUsage? usage)
    {
        if (usage is null) return;
        byModel[model] = byModel.TryGetValue(model, out var sum) ? sum + usage : usage;
    }

    /// <summary>The object without its null members (inspect leaves out what is None).</summary>
    public static JsonObject WithoutNulls(JsonObject o)
    {
        foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList()) o.Remove(key);
        return o;
    }
}
