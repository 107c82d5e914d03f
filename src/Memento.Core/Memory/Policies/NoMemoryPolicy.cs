namespace Memento.Core.Memory.Policies;

/// <summary>The no-memory baseline: the planner never sees a case.</summary>
public sealed class NoMemoryPolicy : IReadPolicy
{
    public IReadOnlyList<Case> Read(ReadRequest request) => [];

    public void Update(EpisodeFeedback feedback) { }
}
