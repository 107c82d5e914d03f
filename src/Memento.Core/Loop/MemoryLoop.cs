using System.Diagnostics;
using Memento.Core.Agents;
using Memento.Core.Judging;
using Memento.Core.Memory;
using Memento.Core.Tasks;

namespace Memento.Core.Loop;

/// <summary>
/// The online memory-augmented MDP loop (docs/design.md §2–3), the whole algorithm in one place:
///
///   for each iteration:
///     for each task (order shuffled by seed), for each attempt:
///       Read   — the policy picks K cases c_1..c_K from the bank M for task s
///       Act    — the frozen agent plans and answers with those cases in its prompt
///       Judge  — the answer is scored against the gold answers → reward r ∈ {0, 1}
///       Write  — M ← M ∪ {(s, final plan, r)}   (skipped when memory is frozen)
///       Update — the policy learns from (s, c_i, r) (skipped when memory is frozen)
///
/// Episodes run in waves of <see cref="LoopSettings.Parallelism"/>: a wave's reads see the bank as it stood before the
/// wave, its agents act concurrently, and judging, writing and updates happen in episode order. So results depend on
/// the seed and the parallelism, never on thread timing. Memory persists across iterations within a run. Each finished
/// episode goes to the sink as one <see cref="Episode"/> value.
/// </summary>
public sealed class MemoryLoop(LoopSettings settings, IReadPolicy policy, IAgent agent, IJudge judge, CaseBank bank)
{
    private sealed record Pending(int Episode, int Iteration, int Attempt, QaTask Task, EpisodeRead Read, double ReadMs);

    public async Task RunAsync(IReadOnlyList<QaTask> tasks, IEpisodeSink sink, CancellationToken cancellationToken)
    {
        var episode = 0;
        for (var iteration = 1; iteration <= settings.Iterations; iteration++)
        {
            var episodes = Order(tasks, iteration)
                .SelectMany(task => Enumerable.Range(1, settings.Attempts).Select(attempt => (task, attempt)));
            foreach (var wave in episodes.Chunk(settings.Parallelism))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var pending = wave.Select(e => Read(++episode, iteration, e.attempt, e.task)).ToArray();
                var acted = await Task.WhenAll(pending.Select(p => ActAsync(p, cancellationToken)));
                foreach (var (p, result, actMs) in acted)
                    sink.Record(await JudgeWriteUpdateAsync(p, result, actMs, cancellationToken));
            }
        }
    }

    private Pending Read(int episode, int iteration, int attempt, QaTask task)
    {
        var clock = Stopwatch.StartNew();
        var rng = new Random(StableHash.Seed(settings.Seed, "read", iteration, attempt, task.Id));
        var cases = settings.K == 0 || bank.Count == 0
            ? []
            : policy.Read(new ReadRequest(task, bank, settings.K, rng));
        var read = new EpisodeRead(settings.Policy, settings.K, bank.Count, cases);
        return new Pending(episode, iteration, attempt, task, read, clock.Elapsed.TotalMilliseconds);
    }

    private async Task<(Pending, AgentResult, double)> ActAsync(Pending p, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // The agent's randomness is keyed by the episode, not by the policy, so policies are compared on
        // common random numbers: the same task draw succeeds or fails alike unless the cases differ.
        var rng = new Random(StableHash.Seed(settings.Seed, "agent", p.Iteration, p.Attempt, p.Task.Id));
        var result = await agent.ActAsync(new AgentRequest(p.Task, p.Read.Cases, p.Attempt, rng, p.Iteration), cancellationToken);
        return (p, result, clock.Elapsed.TotalMilliseconds);
    }

    private async Task<Episode> JudgeWriteUpdateAsync(Pending p, AgentResult result, double actMs, CancellationToken cancellationToken)
    {
        // A failed agent leaves nothing to judge: the episode is unscored with the agent's error.
        var judgement = result.Error is { } failed
            ? Judgement.Failed(failed)
            : await judge.JudgeAsync(p.Task, result.Answer, cancellationToken);
        // An unscored episode (the agent or judge failed) teaches nothing: no case is written and the policy is not updated.
        var reward = RewardRule.Reward(settings.Reward, judgement);
        if (!settings.Frozen && reward is { } r)
        {
            bank.Write(p.Task.Question, result.Plan, r, p.Task.Id, p.Task.Source);
            try
            {
                policy.Update(new EpisodeFeedback(p.Task, p.Read.Cases, r));
            }
            catch (TrainingDivergedException e)
            {
                // Thrown before the sink records this episode, so the logs end at the last good one.
                throw e.At($"episode {p.Episode} (iteration {p.Iteration}, task {p.Task.Id})");
            }
        }
        return new Episode(p.Episode, p.Iteration, p.Attempt, p.Task, p.Read, result, judgement, reward, new EpisodeTimings(p.ReadMs, actMs));
    }

    private IReadOnlyList<QaTask> Order(IReadOnlyList<QaTask> tasks, int iteration)
    {
        var order = tasks.ToArray();
        if (settings.Shuffle) new Random(StableHash.Seed(settings.Seed, "order", iteration)).Shuffle(order);
        return order;
    }
}
