using Memento.Core.Agents;
using Memento.Core.Loop;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>One LLM judge question, asked until the reply parses: each retry is a fresh request (its own cache tag),
/// and after <c>maxRetries</c> retries the failure is returned as a judge error — the answer is then left unscored,
/// never silently counted wrong. A request that fails after its HTTP retries is returned as an error of its kind (auth,
/// server, ...). The tokens and cost of every try are summed. <c>options</c> replaces the default request options
/// (temperature 0, 400 output tokens), e.g. with a JSON schema for structured output.</summary>
internal static class JudgeCall
{
    public static async Task<(T? Verdict, EpisodeError? Error, LlmUsage Usage)> AskAsync<T>(
        IChatClient client, ModelMeter meter, string prompt, int maxRetries, Func<string, T?> parse, CancellationToken cancellationToken,
        ChatOptions? options = null)
        where T : struct
    {
        var reply = "";
        var usage = LlmUsage.Zero;
        for (var attempt = 0; attempt <= maxRetries; attempt++)
        {
            var tagged = (options ?? new ChatOptions { Temperature = 0, MaxOutputTokens = 400 }).WithAttempt($"judge try {attempt}");
            ChatResponse response;
            try
            {
                response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], tagged, cancellationToken);
            }
            catch (LlmRequestException e)
            {
                return (null, e.Error, usage);
            }
            usage += meter.Measure(response.Usage);
            reply = response.Text;
            if (parse(reply) is { } verdict) return (verdict, null, usage);
        }
        // The reply is kept (up to 2,000 characters), so a grader that ignores its format can be seen and fixed.
        var shown = reply.Length > 2000 ? reply[..2000] + "..." : reply;
        return (null, new EpisodeError(EpisodeErrorKinds.Judge, $"unparseable judge reply after {maxRetries + 1} tries: {shown.ReplaceLineEndings(" ")}"), usage);
    }
}
