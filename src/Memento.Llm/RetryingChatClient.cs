using Microsoft.Extensions.AI;
using Polly;

namespace Memento.Llm;

/// <summary>Retries a chat request through the project's <see cref="RetryPipeline"/> (transient errors only, with
/// backoff, honouring <c>Retry-After</c>).</summary>
public sealed class RetryingChatClient(IChatClient inner, int maxRetries, TimeSpan baseDelay) : DelegatingChatClient(inner)
{
    private readonly ResiliencePipeline _pipeline = RetryPipeline.Build(maxRetries, baseDelay);

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        return await _pipeline.ExecuteAsync(async ct => await base.GetResponseAsync(list, options, ct), cancellationToken);
    }
}
