using Memento.Core.Agents;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>One LLM judge question, asked until the reply parses: each retry is a fresh request (its own cache tag),
/// and after <c>maxRetries</c> retries the failure is returned as a judge error — the answer is then left unscored,
/// never silently counted wrong. The tokens and cost of every try are summed.</summary>
internal static class JudgeCall
{
    public static async Task<(T? Verdict, string? Error, LlmUsage Usage)> AskAsync<T>(
        IChatClient client, ModelMeter meter, string prompt, int maxRetries, Func<string, T?> parse, CancellationToken cancellationToken)
        where T : struct
    {
        var reply = "";
        var usage = LlmUsage.Zero;
        for (var attempt = 0; attempt <= maxRetries; attempt++)
        {
            var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 400 }.WithAttempt($"judge try {attempt}");
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options, cancellationToken);
            usage += meter.Measure(response.Usage);
            reply = response.Text;
            if (parse(reply) is { } verdict) return (verdict, null, usage);
        }
        var shown = reply.Length > 200 ? reply[..200] + "..." : reply;
        return (null, $"unparseable judge reply after {maxRetries + 1} tries: {shown.ReplaceLineEndings(" ")}", usage);
    }
}
