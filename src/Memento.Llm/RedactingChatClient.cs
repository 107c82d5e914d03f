using Memento.Core;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>The outermost decorator: any failure below leaves as an <see cref="LlmRequestException"/> whose kind says
/// what failed and whose message names the model and endpoint and never contains the API key.</summary>
internal sealed class RedactingChatClient(IChatClient inner, LlmEndpoint endpoint) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Guard(() => base.GetResponseAsync(messages, options, cancellationToken), endpoint, cancellationToken);

    /// <summary>Runs an LLM request so that any failure leaves as a redacted <see cref="MementoException"/> naming the
    /// endpoint (chat and embeddings alike).</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> request, LlmEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            return await request();
        }
        catch (LlmRequestException)
        {
            throw;
        }
        catch (MementoException e)
        {
            throw new MementoException(Secrets.Redact(e.Message));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new LlmRequestException(LlmError.Of(e, endpoint));
        }
    }
}
