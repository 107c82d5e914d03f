using System.Diagnostics;
using Memento.Core.Agents;
using Memento.Core.Config;
using Memento.Core.Judging;
using Memento.Core.Memory;
using Memento.Core.Results;
using Memento.Core.Scoring;
using Memento.Core.Tasks;

namespace Memento.Core.Loop;

/// <summary>
/// The online memory-augmented MDP loop (design.md §2–3), the whole algorithm in one place:
///
///   for each iteration:
///     for each task (order shuffled by seed), for each attempt:
///       Read   — the policy picks K cases c_1..c_K from the bank M for task s
///       Act    — the frozen agent plans and answers with those cases in its prompt
///       Judge  — the answer is scored against the gold answers → reward r ∈ {0, 1}
///       Write  — M ← M ∪ {(s, final plan, r)}   (skipped when memory is frozen)
///       Update — the policy learns from (s, c_i, r) (skipped when memory is frozen)
///
/// Episodes run in waves of <c>schedule.parallelism</c>: a wave's reads see the bank as it stood before the wave,
/// its agents act concurrently, and judging, writing and updates happen in episode order. So results depend on
/// the seed and the parallelism, never on thread timing. Memory persists across iterations within a run.
/// </summary>
public sealed class MemoryLoop(ExperimentConfig config, IReadPolicy policy, IAgent agent, IJudge judge, CaseBank bank)
{
    private sealed record Pending(int Episode, int Iteration, int Attempt, QaTask Task, int BankSize, IReadOnlyList<Case> Cases, double ReadMs);

    public async Task RunAsync(IReadOnlyList<QaTask> tasks, IEpisodeSink sink, CancellationToken cancellationToken)
    {
        var episode = 0;
        for (var iteration = 1; iteration <= config.Schedule.Iterations; iteration++)
        {
            var episodes = Order(tasks, iteration)
                .SelectMany(task => Enumerable.Range(1, config.Schedule.Attempts).Select(attempt => (task, attempt)));
            foreach (var wave in episodes.Chunk(config.Schedule.Parallelism))
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
        var rng = new Random(StableHash.Seed(config.Seed, "read", iteration, attempt, task.Id));
        var cases = config.Memory.K == 0 || bank.Count == 0
            ? []
            : policy.Read(new ReadRequest(task, bank, config.Memory.K, rng));
        return new Pending(episode, iteration, attempt, task, bank.Count, cases, clock.Elapsed.TotalMilliseconds);
    }

    private async Task<(Pending, AgentResult, double)> ActAsync(Pending p, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // The agent's randomness is keyed by the episode, not by the policy, so policies are compared on
        // common random numbers: the same task draw succeeds or fails alike unless the cases differ.
        var rng = new Random(StableHash.Seed(config.Seed, "agent", p.Iteration, p.Attempt, p.Task.Id));
        var result = await agent.ActAsync(new AgentRequest(p.Task, p.Cases, p.Attempt, rng, p.Iteration), cancellationToken);
        return (p, result, clock.Elapsed.TotalMilliseconds);
    }

    private async Task<EpisodeRecord> JudgeWriteUpdateAsync(Pending p, AgentResult result, double actMs, CancellationToken cancellationToken)
    {
        var judgement = await judge.JudgeAsync(p.Task, result.Answer, cancellationToken);
        // An unscored episode (the judge failed) teaches nothing: no case is written and the policy is not updated.
        var reward = RewardRule.Reward(config.Judge.Reward, judgement);
        if (!config.Memory.Frozen && reward is { } r)
        {
            bank.Write(p.Task.Question, result.Plan, r, p.Task.Id, p.Task.Source);
            try
            {
                policy.Update(new EpisodeFeedback(p.Task, p.Cases, r));
            }
            catch (TrainingDivergedException e)
            {
                // Thrown before the sink records this episode, so the logs end at the last good one.
                throw e.At($"episode {p.Episode} (iteration {p.Iteration}, task {p.Task.Id})");
            }
        }
        return new EpisodeRecord
        {
            Episode = p.Episode,
            Iteration = p.Iteration,
            Attempt = p.Attempt,
            TaskId = p.Task.Id,
            Source = p.Task.Source,
            Level = p.Task.Level?.ToString() ?? "",
            Policy = config.Memory.Policy,
            K = config.Memory.K,
            BankSize = p.BankSize,
            Retrieved = string.Join(';', p.Cases.Select(c => c.Id)),
            RetrievedPositive = p.Cases.Count(c => c.Reward == 1),
            Question = p.Task.Question,
            Answer = result.Answer,
            Plan = result.Plan,
            Gold = string.Join(QaTask.AnswerSplit, p.Task.GoldAnswers),
            Reward = reward ?? 0,
            JudgeError = judgement.JudgeError ?? "",
            Em = judgement.ExactMatch ? 1 : 0,
            F1 = judgement.F1,
            Pm = judgement.PartialMatch switch { true => "1", false => "0", null => "" },
            Grade = SimpleQaMetrics.ToName(judgement.Grade),
            PromptTokens = result.Usage?.PromptTokens ?? 0,
            CompletionTokens = result.Usage?.CompletionTokens ?? 0,
            JudgePromptTokens = judgement.Usage?.PromptTokens ?? 0,
            JudgeCompletionTokens = judgement.Usage?.CompletionTokens ?? 0,
            CostUsd = LlmUsage.EpisodeCost(result.Usage, judgement.Usage),
            AgentCostUsd = result.Usage?.CostUsd,
            JudgeCostUsd = judgement.Usage?.CostUsd,
            Cycles = result.Cycles,
            JudgeRationale = judgement.Rationale,
            ReadMs = Math.Round(p.ReadMs, 3),
            ActMs = Math.Round(actMs, 3),
        };
    }

    private IReadOnlyList<QaTask> Order(IReadOnlyList<QaTask> tasks, int iteration)
    {
        var order = tasks.ToArray();
        if (config.Schedule.Shuffle) new Random(StableHash.Seed(config.Seed, "order", iteration)).Shuffle(order);
        return order;
    }
}
