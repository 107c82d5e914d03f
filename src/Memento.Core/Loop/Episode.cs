using Memento.Core.Agents;
using Memento.Core.Judging;
using Memento.Core.Tasks;

namespace Memento.Core.Loop;

/// <summary>One finished episode as the loop emits it: which one it was, the task, what was read, what the agent did,
/// how the judge ruled and the reward that followed (null when unscored), and how long the steps took. Each sink maps
/// it to its own file format.</summary>
public sealed record Episode(
    int Number, int Iteration, int Attempt, QaTask Task, EpisodeRead Read, AgentResult Result, Judgement Judgement, int? Reward,
    EpisodeTimings Timings)
{
    /// <summary>False when the judge could not rule: the episode is left out of every score.</summary>
    public bool IsScored => Judgement.IsScored;
}
