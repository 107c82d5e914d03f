using Memento.Core.Tasks;

namespace Memento.Core.Memory;

/// <summary>What a read policy sees when asked for cases: the task, the bank, how many, and the episode's RNG.</summary>
public sealed record ReadRequest(QaTask Task, CaseBank Bank, int K, Random Rng);

/// <summary>What a policy learns from after an episode: the task, the cases it retrieved for it, and the reward.</summary>
public sealed record EpisodeFeedback(QaTask Task, IReadOnlyList<Case> Retrieved, int Reward);

/// <summary>μ(c | s, M): chooses which K past cases the planner sees. Implementations index the bank lazily
/// (the bank is append-only), so they need no write notification.</summary>
public interface IReadPolicy
{
    IReadOnlyList<Case> Read(ReadRequest request);

    /// <summary>Learning hook, called once per finished episode in episode order (never when memory is frozen).</summary>
    void Update(EpisodeFeedback feedback);
}
