using Memento.Core;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>The outermost decorator: any failure below leaves as an <see cref="LlmRequestException"/> whose kind says
/// what failed and whose message names the model and endpoint and never contains the API key.</summary>
public sealed class RedactingChatClient(IChatClient inner, LlmEndpoint endpoint) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
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
