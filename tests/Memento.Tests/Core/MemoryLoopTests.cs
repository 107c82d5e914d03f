using Memento.Cli.Running;
using Memento.Core.Config;
using Memento.Core.Judging;
using Memento.Core.Loop;
using Memento.Core.Memory;
using Memento.Core.Results;
using NUnit.Framework;

namespace Memento.Tests.Core;

public class MemoryLoopTests
{
    private sealed class ListSink : IEpisodeSink
    {
        public List<EpisodeRecord> Episodes { get; } = new();
        public void Record(Episode episode) => Episodes.Add(EpisodeRecord.From(episode));
    }

    private static ExperimentConfig Config(params string[] overrides)
    {
        var tree = YamlTree.Parse("schedule: {iterations: 2, shuffle: false}\nmemory: {k: 2}\n", "test");
        YamlTree.ApplyOverrides(tree, overrides);
        return ConfigLoader.FromTree(Plugins.All, tree).Config;
    }

    private static async Task<(ListSink Sink, CaseBank Bank, NewestCasesPolicy Policy)> RunAsync(ExperimentConfig config, int tasks = 10)
    {
        var bank = new CaseBank();
        var policy = new NewestCasesPolicy();
        var sink = new ListSink();
        await new MemoryLoop(LoopSettings.Of(config), policy, new HelpedByPositiveCasesAgent(), new DeepResearcherJudge(), bank)
            .RunAsync(FakeTasks.Make(tasks), sink, CancellationToken.None);
        return (sink, bank, policy);
    }

    [Test]
    public async Task Every_episode_reads_acts_judges_writes_and_updates_in_order()
    {
        var (sink, bank, policy) = await RunAsync(Config());

        Assert.That(sink.Episodes, Has.Count.EqualTo(20));
        Assert.That(sink.Episodes.Select(e => e.Episode), Is.EqualTo(Enumerable.Range(1, 20)));
        Assert.That(bank.Count, Is.EqualTo(20), "one case per episode");
        Assert.That(policy.Updates, Has.Count.EqualTo(20));
        // t0 is solved without help and writes the first positive case; t1 reads it and is solved because of it.
        Assert.That(sink.Episodes[0].Reward, Is.EqualTo(1));
        Assert.That(sink.Episodes[1].Retrieved, Is.EqualTo("0"));
        Assert.That(sink.Episodes[1].Reward, Is.EqualTo(1), "helped by the positive case t0 wrote");
        Assert.That(bank[1].Plan, Is.EqualTo("plan for t1"));
        Assert.That(policy.Updates[1].Retrieved.Select(c => c.Id), Is.EqualTo(new[] { 0 }));
        Assert.That(policy.Updates[1].Reward, Is.EqualTo(1));
        Assert.That(sink.Episodes[10].Iteration, Is.EqualTo(2));
        Assert.That(sink.Episodes[10].BankSize, Is.EqualTo(10), "memory persists across iterations");
    }

    private sealed class FailingPmJudge : IJudge
    {
        public Task<Judgement> JudgeAsync(Memento.Core.Tasks.QaTask task, string answer, CancellationToken cancellationToken) =>
            Task.FromResult(task.Id == "t3"
                ? new Judgement(false, 0, null, "unparseable judge reply")
                : new Judgement(false, 0, answer == task.GoldAnswers[0]));
    }

    [Test]
    public async Task A_judge_error_leaves_the_episode_unscored_never_counted_wrong()
    {
        var config = Config("judge.kind=llm", "judge.reward=pm", "schedule.iterations=1");
        var bank = new CaseBank();
        var policy = new NewestCasesPolicy();
        var sink = new ListSink();
        await new MemoryLoop(LoopSettings.Of(config), policy, new HelpedByPositiveCasesAgent(), new FailingPmJudge(), bank)
            .RunAsync(FakeTasks.Make(5), sink, CancellationToken.None);

        var failed = sink.Episodes.Single(e => e.TaskId == "t3");
        Assert.That(failed.JudgeError, Is.EqualTo("unparseable judge reply"));
        Assert.That(bank.Count, Is.EqualTo(4), "no case written for the unscored episode");
        Assert.That(policy.Updates, Has.Count.EqualTo(4));
        var all = SummaryRow.From(sink.Episodes).Single(r => r.Source == SummaryRow.AllSources);
        Assert.That((all.N, all.Correct), Is.EqualTo((4, 4)), "left out of the summary, not counted wrong");
    }

    [Test]
    public async Task Frozen_memory_reads_but_never_writes_or_trains()
    {
        var (sink, bank, policy) = await RunAsync(Config("memory.frozen=true"));
        Assert.That(bank.Count, Is.Zero);
        Assert.That(policy.Updates, Is.Empty);
        Assert.That(sink.Episodes.Sum(e => e.Reward), Is.EqualTo(2), "only t0 in each of two iterations");
    }

    [Test]
    public async Task A_wave_reads_the_bank_as_it_stood_before_the_wave()
    {
        var (sink, _, _) = await RunAsync(Config("schedule.iterations=1", "schedule.parallelism=4"));
        Assert.That(sink.Episodes.Take(4).Select(e => e.BankSize), Is.All.EqualTo(0));
        Assert.That(sink.Episodes.Skip(4).Take(4).Select(e => e.BankSize), Is.All.EqualTo(4));
    }

    [Test]
    public async Task Attempts_are_separate_episodes_of_the_same_task()
    {
        var (sink, _, _) = await RunAsync(Config("schedule.iterations=1", "schedule.attempts=3"), tasks: 2);
        Assert.That(sink.Episodes.Select(e => (e.TaskId, e.Attempt)), Is.EqualTo(new[] { ("t0", 1), ("t0", 2), ("t0", 3), ("t1", 1), ("t1", 2), ("t1", 3) }));
    }

    [Test]
    public async Task Shuffled_order_depends_on_the_seed_only()
    {
        var a = await RunAsync(Config("schedule.iterations=1", "schedule.shuffle=true", "seed=5"), 30);
        var b = await RunAsync(Config("schedule.iterations=1", "schedule.shuffle=true", "seed=5"), 30);
        var c = await RunAsync(Config("schedule.iterations=1", "schedule.shuffle=true", "seed=6"), 30);
        Assert.That(a.Sink.Episodes.Select(e => e.TaskId), Is.EqualTo(b.Sink.Episodes.Select(e => e.TaskId)));
        Assert.That(a.Sink.Episodes.Select(e => e.TaskId), Is.Not.EqualTo(c.Sink.Episodes.Select(e => e.TaskId)));
    }
}
