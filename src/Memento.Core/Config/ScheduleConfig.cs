namespace Memento.Core.Config;

public sealed record ScheduleConfig(int Iterations, int Attempts, int Parallelism, bool Shuffle)
{
    internal static ScheduleConfig Bind(ConfigNode sc)
    {
        var schedule = new ScheduleConfig(
            sc.Int("iterations", 3, "passes over the task list; memory persists across them", 1, 1000),
            sc.Int("attempts", 1, "episodes per task per iteration (Pass@k)", 1, 100),
            sc.Int("parallelism", 1, "episodes per wave (reads before the wave, writes in order after it)", 1, 1024),
            sc.Bool("shuffle", true, "task order shuffled per iteration by the seed"));
        sc.EnsureAllKeysKnown();
        return schedule;
    }
}
