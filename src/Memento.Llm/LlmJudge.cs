using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Memento.Core.Judging;
using Memento.Core.Tasks;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>
/// <c>judge.kind: llm</c> — PM, the DeepResearcher / Memento criterion: correct when the answer means the same as any
/// gold alternative. EM and F1 come from the inner judge; an exact match is PM-correct without a call. The reply must
/// be JSON <c>{"rationale", "judgement": "correct" | "incorrect"}</c>; an unparseable reply is asked again (a new
/// cache tag per try) up to <c>max_retries</c> times, then the answer is left unscored with <c>JudgeError</c> set —
/// never silently counted wrong (Memento's client counts it incorrect).
/// </summary>
public sealed partial class LlmJudge(IJudge inner, IChatClient client, int maxRetries) : IJudge, IDisposable
{
    public async Task<Judgement> JudgeAsync(QaTask task, string answer, CancellationToken cancellationToken)
    {
        var lexical = await inner.JudgeAsync(task, answer, cancellationToken);
        if (lexical.JudgeError is not null) return lexical;   // nothing to compare against (a hidden GAIA answer)
        if (lexical.ExactMatch) return lexical with { PartialMatch = true };
        var (correct, error) = await JudgeCall.AskAsync(client, Prompts.Judge(task.Question, task.GoldAnswers, answer), maxRetries, TryVerdict, cancellationToken);
        return lexical with { PartialMatch = correct, JudgeError = error };
    }

    /// <summary>True for "correct", false for "incorrect", null when the reply holds no such JSON verdict.</summary>
    public static bool? TryVerdict(string reply)
    {
        var match = JsonObject().Match(reply);
        if (!match.Success) return null;
        try
        {
            return (JsonNode.Parse(match.Value)?["judgement"]?.GetValue<string>()?.Trim().ToLowerInvariant()) switch
            {
                "correct" => true,
                "incorrect" => false,
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
