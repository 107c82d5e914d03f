using Microsoft.Extensions.AI;
using Polly;

namespace Memento.Llm;

/// <summary>Retries a chat request through the project's <see cref="RetryPipeline"/> (transient errors only, with
/// backoff, honouring <c>Retry-After</c>). Each retry is reported as it starts, e.g.
/// <c>retry 2/6 after HTTP 429 (waiting 4 s) · gpt-4.1</c>.</summary>
/// <param name="onRetry">Told each retry: its reason and one line; <paramref name="label"/> (the model) ends the line.</param>
internal sealed class RetryingChatClient(IChatClient inner, int maxRetries, TimeSpan baseDelay, Action<string, string>? onRetry = null, string label = "")
    : DelegatingChatClient(inner)
{
    private readonly ResiliencePipeline _pipeline = RetryPipeline.Build(maxRetries, baseDelay, onRetry, label);

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        return await _pipeline.ExecuteAsync(async ct => await base.GetResponseAsync(list, options, ct), cancellationToken);
    }
}
