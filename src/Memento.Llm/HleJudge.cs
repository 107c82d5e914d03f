using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Memento.Core.Judging;
using Memento.Core.Tasks;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>What the HLE judge returns: the official judge's four fields.</summary>
internal readonly record struct HleVerdict(string ExtractedAnswer, string Reasoning, bool Correct, int Confidence);

/// <summary>
/// <c>judge.kind: hle</c> — Humanity's Last Exam's judge (<see cref="Prompts.HleJudge"/>): it reads the whole response
/// (Explanation / Answer / Confidence), extracts the final answer, rules it correct or not against the one gold answer,
/// and reads the confidence (100 when the response gives none). The reply is structured output (a JSON schema of the
/// official fields <c>extracted_final_answer</c>, <c>reasoning</c>, <c>correct</c>: yes/no, <c>confidence</c>: 0-100)
/// when <c>judge.structured_output</c> is on, and the same fields as <c>name: value</c> lines are parsed otherwise; a
/// reply that fits neither is asked again and finally recorded as a judge error (the episode is unscored). PM = correct;
/// EM and F1 are the inner judge's on the extracted answer. Requests follow the official script: up to 4,096 output
/// tokens, and no temperature for o-series models (the official judge is <c>o3-mini-2025-01-31</c>).
/// </summary>
internal sealed partial class HleJudge(IJudge inner, IChatClient client, int maxRetries, bool structured, string model, ModelMeter? meter = null)
    : IJudge, IDisposable
{
    private static readonly string[] Fields = ["extracted_final_answer", "reasoning", "correct", "confidence"];

    /// <summary>The JSON schema of the reply (the official pydantic model's fields, without its constant <c>strict</c>).</summary>
    internal static readonly JsonElement Schema = JsonDocument.Parse("""
        {"type":"object","properties":{
          "extracted_final_answer":{"type":"string"},
          "reasoning":{"type":"string"},
          "correct":{"type":"string","enum":["yes","no"]},
          "confidence":{"type":"integer"}},
         "required":["extracted_final_answer","reasoning","correct","confidence"],"additionalProperties":false}
        """).RootElement.Clone();

    private readonly ModelMeter _meter = meter ?? PriceList.None.For("");

    public async Task<Judgement> JudgeAsync(QaTask task, string answer, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            Temperature = PlannerExecutorAgent.IsReasoningModel(model) ? null : 0,
            MaxOutputTokens = 4096,
            ResponseFormat = structured ? ChatResponseFormat.ForJsonSchema(Schema, "extracted_answer") : null,
        };
        var prompt = Prompts.HleJudge(task.Question, string.Join(" | ", task.GoldAnswers), answer);
        var (verdict, error, usage) = await JudgeCall.AskAsync(client, _meter, prompt, maxRetries, TryVerdict, cancellationToken, options);
        if (verdict is not { } v)
        {
            var unjudged = await inner.JudgeAsync(task, answer, cancellationToken);
            return unjudged with { PartialMatch = null, JudgeError = error?.Message, ErrorKind = error?.Kind, Usage = usage };
        }
        var extracted = v.ExtractedAnswer.Trim() is "None" ? "" : v.ExtractedAnswer;
        var lexical = await inner.JudgeAsync(task, extracted, cancellationToken);
        return lexical with
        {
            PartialMatch = v.Correct, Rationale = v.Reasoning, ExtractedAnswer = v.ExtractedAnswer, Confidence = v.Confidence, Usage = usage,
        };
    }

    /// <summary>The verdict of a reply: a JSON object with the four fields, else the four fields as <c>name: value</c>
    /// lines (the reasoning may span lines); null when neither holds a yes/no and a confidence in 0-100.</summary>
    public static HleVerdict? TryVerdict(string reply) => TryJson(reply) ?? TryLines(reply);

    private static HleVerdict? TryJson(string reply)
    {
        var match = JsonObject().Match(reply);
        if (!match.Success) return null;
        try
        {
            if (JsonNode.Parse(match.Value) is not JsonObject json) return null;
            string? Text(string field) => json[field] is JsonValue value ? value.ToString() : null;
            return Verdict(Text("extracted_final_answer"), Text("reasoning"), Text("correct"), Text("confidence"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static HleVerdict? TryLines(string reply)
    {
        var labels = FieldLabel().Matches(reply).Where(m => Fields.Contains(m.Groups["name"].Value.ToLowerInvariant())).ToList();
        var values = new Dictionary<string, string>();
        for (var i = 0; i < labels.Count; i++)
        {
            var start = labels[i].Index + labels[i].Length;
            var end = i + 1 < labels.Count ? labels[i + 1].Index : reply.Length;
            values.TryAdd(labels[i].Groups["name"].Value.ToLowerInvariant(), reply[start..end].Trim().Trim('*', '`').Trim());
        }
        return Verdict(values.GetValueOrDefault("extracted_final_answer"), values.GetValueOrDefault("reasoning"),
            values.GetValueOrDefault("correct"), values.GetValueOrDefault("confidence"));
    }

    private static HleVerdict? Verdict(string? extracted, string? reasoning, string? correct, string? confidence)
    {
        if (extracted is null || correct is null || confidence is null) return null;
        bool? right = correct.Trim().Trim('\'', '"', '.').ToLowerInvariant() switch { "yes" => true, "no" => false, _ => null };
        var percent = confidence.Trim().TrimEnd('%').Trim();
        if (right is null || !int.TryParse(percent, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 100) return null;
        return new HleVerdict(extracted, reasoning ?? "", right.Value, value);
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex(@"\{[\s\S]*\}")]
    private static partial Regex JsonObject();

    [GeneratedRegex(@"(?im)^[\s*_#`-]*(?<name>[a-z_]+)[*_`]*\s*:[*_`]*\s*")]
    private static partial Regex FieldLabel();
}
