using Memento.Core.Plugins;
namespace Memento.Core.Memory.Policies;

/// <summary>The no-memory baseline: the planner never sees a case.</summary>
public sealed class NoMemoryPolicy : IReadPolicy
{
    public static readonly Plugin<IReadPolicy> Plugin = new("none", "no memory: the agent never sees a case", _ => new NoMemoryPolicy());

    public IReadOnlyList<Case> Read(ReadRequest request) => [];

    public void Update(EpisodeFeedback feedback) { }
}
