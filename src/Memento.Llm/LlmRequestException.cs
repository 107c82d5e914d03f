using Memento.Core;
using Memento.Core.Loop;

namespace Memento.Llm;

/// <summary>A model request that failed after its retries, with the kind of failure; the message is redacted and names
/// the model and endpoint. The episode it belongs to is recorded unscored with <see cref="Error"/>.</summary>
internal sealed class LlmRequestException(EpisodeError error) : MementoException(error.Message)
{
    public EpisodeError Error { get; } = error;
}
