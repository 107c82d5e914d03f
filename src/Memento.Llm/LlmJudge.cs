using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Memento.Core.Agents;
using Memento.Core.Judging;
using Memento.Core.Tasks;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>
/// <c>judge.kind: llm</c> — PM, the DeepResearcher / Memento criterion: correct when the answer means the same as any
/// gold alternative. EM and F1 come from the inner judge; an exact match is PM-correct without a call. The reply must
/// be JSON <c>{"rationale", "judgement": "correct" | "incorrect"}</c>; an unparseable reply is asked again (a new
/// cache tag per try) up to <c>max_retries</c> times, then the answer is left unscored with <c>JudgeError</c> set —
/// never silently counted wrong (Memento's client counts it incorrect). The judgement carries the reply's rationale
/// and the tokens and cost of every try (an exact match costs nothing and says so in its rationale,
/// <see cref="ExactMatchRationale"/>).
/// </summary>
internal sealed partial class LlmJudge(IJudge inner, IChatClient client, int maxRetries, ModelMeter? meter = null) : IJudge, IDisposable
{
    private readonly ModelMeter _meter = meter ?? PriceList.None.For("");

    /// <summary>The rationale of a PM given without a call: an exact match is PM-correct by definition, so the judge
    /// is not asked and spends no tokens (the report shows this line as the episode's judge rationale).</summary>
    public const string ExactMatchRationale = "exact match with a gold answer: PM 1, the judge was not asked";

    public async Task<Judgement> JudgeAsync(QaTask task, string answer, CancellationToken cancellationToken)
    {
        var lexical = await inner.JudgeAsync(task, answer, cancellationToken);
        if (lexical.JudgeError is not null) return lexical;   // nothing to compare against (a hidden GAIA answer)
        if (lexical.ExactMatch) return lexical with { PartialMatch = true, Usage = LlmUsage.Zero, Rationale = ExactMatchRationale };
        var (verdict, error, usage) = await JudgeCall.AskAsync(client, _meter, Prompts.Judge(task.Question, task.GoldAnswers, answer), maxRetries, TryVerdict, cancellationToken);
        return lexical with { PartialMatch = verdict?.Correct, Rationale = verdict?.Rationale, JudgeError = error?.Message, ErrorKind = error?.Kind, Usage = usage };
    }

    /// <summary>The verdict ("correct" or "incorrect") and the rationale of a reply, or null when it holds no such JSON.</summary>
    public static (bool Correct, string? Rationale)? TryVerdict(string reply)
    {
        var match = JsonObject().Match(reply);
        if (!match.Success) return null;
        try
        {
            var json = JsonNode.Parse(match.Value);
            var rationale = json?["rationale"] is JsonValue r && r.TryGetValue<string>(out var text) ? text : null;
            return (json?["judgement"]?.GetValue<string>()?.Trim().ToLowerInvariant()) switch
            {
                "correct" => (true, rationale),
                "incorrect" => (false, rationale),
                _ => null,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex(@"\{[\s\S]*\}")]
    private static partial Regex JsonObject();
}
