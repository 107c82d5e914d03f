using Memento.Core.Agents;

namespace Memento.Core.Replay;

/// <summary>Serves an episode's recorded answer and plan when there is one and asks the inner agent otherwise.
/// A resumed run uses it to rebuild its state without repeating (paid) agent calls.</summary>
public sealed class RecordedAgent(IAgent inner, RecordedEpisodes recorded) : IAgent
{
    public Task<AgentResult> ActAsync(AgentRequest request, CancellationToken cancellationToken) =>
        recorded.Find(request.Iteration, request.Attempt, request.Task.Id) is { } e
            ? Task.FromResult(e.Agent)
            : inner.ActAsync(request, cancellationToken);
}
