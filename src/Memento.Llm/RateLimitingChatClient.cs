using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>Sends each request through the run's <see cref="RequestGate"/> (concurrency cap, requests per minute), where
/// the run counts it.</summary>
internal sealed class RateLimitingChatClient(IChatClient inner, LlmRuntime runtime) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        runtime.SendAsync(ct => base.GetResponseAsync(messages, options, ct), cancellationToken);
}
