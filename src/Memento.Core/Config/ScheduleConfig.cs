namespace Memento.Core.Config;

/// <param name="MaxErrorRate">The run stops when more than this fraction of its episodes failed with an error (counted
/// from the <see cref="Loop.ErrorBudget.MinErrors"/>-th error on); errors that fail every request stop it at once.</param>
/// <param name="MaxToolErrorRate">The run stops when more than this fraction of the executor's tool calls failed (counted
/// from the <see cref="Loop.ErrorBudget.MinToolErrors"/>-th failed call on), naming the tool and its last error.</param>
public sealed record ScheduleConfig(int Iterations, int Attempts, int Parallelism, bool Shuffle, double MaxErrorRate, double MaxToolErrorRate)
{
    internal static ScheduleConfig Bind(ConfigNode sc)
    {
        var schedule = new ScheduleConfig(
            sc.Int("iterations", 3, "passes over the task list; memory persists across them", 1, 1000),
            sc.Int("attempts", 1, "episodes per task per iteration (Pass@k)", 1, 100),
            sc.Int("parallelism", 1, "episodes per wave (reads before the wave, writes in order after it)", 1, 1024),
            sc.Bool("shuffle", true, "task order shuffled per iteration by the seed"),
            sc.Double("max_error_rate", 0.1,
                "stop when more than this fraction of episodes failed with an agent or judge error (from the 5th error on; 1: never); auth, unknown model and unreachable errors stop at once", 0, 1),
            sc.Double("max_tool_error_rate", 0.5,
                "stop when more than this fraction of the executor's tool calls failed (a dead search backend, a missing index; from the 10th failed call on; 1: never)", 0, 1));
        sc.EnsureAllKeysKnown();
        return schedule;
    }
}
