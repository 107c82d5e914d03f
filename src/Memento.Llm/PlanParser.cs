using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Memento.Llm;

/// <summary>One subtask of a planner's JSON plan.</summary>
internal sealed record PlanStep(string Id, string Description);

/// <summary>Reads the planner's replies: <c>FINAL ANSWER: ...</c> or a JSON plan <c>{"plan": [{"id", "description"}]}</c>
/// (code fences and text around the JSON object tolerated, as Memento's client does).</summary>
internal static partial class PlanParser
{
    private const string FinalAnswerTag = "FINAL ANSWER:";

    public static string? TryFinalAnswer(string reply)
    {
        var at = reply.LastIndexOf(FinalAnswerTag, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var rest = reply[(at + FinalAnswerTag.Length)..].Trim();
        var line = rest.Split('\n')[0].Trim();
        return line.Trim('`', '*').Trim();
    }

    /// <summary>Everything after the last <c>FINAL ANSWER:</c> (several lines: the Explanation / Answer / Confidence
    /// block of a task that asks for a confidence), or null when the tag is absent or nothing follows it.</summary>
    public static string? TryFinalBlock(string reply)
    {
        var at = reply.LastIndexOf(FinalAnswerTag, StringComparison.OrdinalIgnoreCase);
        return at < 0 || reply[(at + FinalAnswerTag.Length)..].Trim() is not { Length: > 0 } block ? null : block;
    }

    /// <summary>The Explanation / Answer / Confidence block of a reply that asks for one: from the last line starting
    /// with <c>Explanation:</c>, else the whole reply (the judge extracts the answer from whatever it is).</summary>
    public static string ConfidenceBlock(string reply)
    {
        var at = reply.LastIndexOf("Explanation:", StringComparison.OrdinalIgnoreCase);
        return (at >= 0 && (at == 0 || reply[at - 1] == '\n') ? reply[at..] : reply).Trim();
    }

    public static IReadOnlyList<PlanStep>? TryParse(string reply)
    {
        var match = JsonObject().Match(StripFences(reply));
        if (!match.Success) return null;
        try
        {
            if (JsonNode.Parse(match.Value)?["plan"] is not JsonArray steps || steps.Count == 0) return null;
            var plan = new List<PlanStep>();
            foreach (var step in steps)
            {
                var description = step?["description"]?.ToString();
                if (string.IsNullOrWhiteSpace(description)) return null;
                plan.Add(new PlanStep(step?["id"]?.ToString() ?? (plan.Count + 1).ToString(), description));
            }
            return plan;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The plan in the canonical form stored as the case's action (Memento's case-bank format).</summary>
    public static string Serialize(IReadOnlyList<PlanStep> plan) =>
        new JsonObject
        {
            ["plan"] = new JsonArray(plan.Select(s => (JsonNode)new JsonObject
            {
                ["id"] = int.TryParse(s.Id, out var n) ? JsonValue.Create(n) : JsonValue.Create(s.Id),
                ["description"] = s.Description,
            }).ToArray()),
        }.ToJsonString();

    private static string StripFences(string text)
    {
        text = text.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal)) return text;
        text = FenceOpen().Replace(text, "");
        return FenceClose().Replace(text, "").Trim();
    }

    [GeneratedRegex(@"\{[\s\S]*\}")]
    private static partial Regex JsonObject();

    [GeneratedRegex(@"^```[^\n]*\n")]
    private static partial Regex FenceOpen();

    [GeneratedRegex(@"\n?```$")]
    private static partial Regex FenceClose();
}
