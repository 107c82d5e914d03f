using Memento.Core.Config;

namespace Memento.Core.Loop;

/// <summary>The few settings <see cref="MemoryLoop"/> runs by: the seed, the read (policy name, K), the schedule, whether
/// memory is frozen, and the reward rule (<c>judge.reward</c>).</summary>
public sealed record LoopSettings(
    int Seed, string Policy, int K, int Iterations, int Attempts, int Parallelism, bool Shuffle, bool Frozen, string Reward)
{
    public static LoopSettings Of(ExperimentConfig config) => new(
        config.Seed, config.Memory.Policy, config.Memory.K, config.Schedule.Iterations, config.Schedule.Attempts,
        config.Schedule.Parallelism, config.Schedule.Shuffle, config.Memory.Frozen, config.Judge.Reward);

    /// <summary>Episodes of a whole run: every task, every attempt, every iteration.</summary>
    public int Episodes(int tasks) => tasks * Iterations * Attempts;
}
