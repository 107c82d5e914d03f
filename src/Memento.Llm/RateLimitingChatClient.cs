using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>Sends each request through the run's <see cref="RequestGate"/> (concurrency cap, requests per minute).</summary>
internal sealed class RateLimitingChatClient(IChatClient inner, RequestGate gate) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        gate.RunAsync(ct => base.GetResponseAsync(messages, options, ct), cancellationToken);
}
