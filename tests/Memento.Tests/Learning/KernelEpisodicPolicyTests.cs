using Memento.Core.Memory;
using Memento.Core.Memory.Policies;
using Memento.Core.Tasks;
using Memento.Learning;
using NUnit.Framework;

namespace Memento.Tests.Learning;

public class KernelEpisodicPolicyTests
{
    [Test]
    public void WithAnEmptyStoreItReadsLikeSimilarity()
    {
        var bank = LearningFixtures.Bank(seed: 1);
        var encoder = LearningFixtures.Encoder(bank);
        using var policy = new KernelEpisodicPolicy(LearningFixtures.Kernel(), seed: 1, encoder);
        var similarity = new SimilarityPolicy(encoder);
        var rng = new Random(2);
        for (var i = 0; i < 10; i++)
        {
            var task = LearningFixtures.Task(rng, i);
            Assert.That(policy.Read(new ReadRequest(task, bank, 4, new Random(i))).Select(c => c.Id),
                Is.EqualTo(similarity.Read(new ReadRequest(task, bank, 4, new Random(i))).Select(c => c.Id)));
        }
    }

    [Test]
    public void ACaseThatFailedOnSimilarTasksFallsBelowUntriedOnesAndOneThatHelpedRises()
    {
        var bank = LearningFixtures.Bank(seed: 3);
        using var policy = new KernelEpisodicPolicy(LearningFixtures.Kernel(updates: 0), seed: 3, LearningFixtures.Encoder(bank));
        var failed = bank[0];
        var helped = bank[1];
        var rng = new Random(4);
        for (var i = 0; i < 6; i++)
        {
            var task = new QaTask($"v{i}", LearningFixtures.Sentence(rng, "volcano"), ["x"], "toy");
            policy.Update(new EpisodeFeedback(task, [failed], 0));
            policy.Update(new EpisodeFeedback(task, [helped], 1));
        }
        Assert.That(policy.Store.Count, Is.EqualTo(12));
        Assert.That(policy.Store.MeanValue, Is.EqualTo(0.5));
        var probe = LearningFixtures.Sentence(new Random(9), "volcano");
        var q = policy.Estimate(probe, [failed.Id, helped.Id, bank[2].Id]);
        Assert.That(q[0], Is.EqualTo(0f), "every entry of the failed case has Q = 0");
        Assert.That(q[1], Is.EqualTo(1f), "every entry of the helpful case has Q = 1");
        Assert.That(q[2], Is.EqualTo(0.5f), "an untried case gets the prior: the mean Q in D");
        var read = policy.Read(new ReadRequest(new QaTask("p", probe, ["x"], "toy"), bank, bank.Count, new Random(1)));
        Assert.That(read[0].Id, Is.EqualTo(helped.Id));
        Assert.That(read[^1].Id, Is.EqualTo(failed.Id));
    }

    [Test]
    public void TheEpisodicStoreIsABoundedFifoWithAPerCaseIndex()
    {
        var store = new EpisodicStore(capacity: 5);
        var task = new SparseVector([0], [1f]);
        for (var i = 0; i < 12; i++) store.Add(new EpisodicEntry(task, CaseId: i % 3, Value: i));
        Assert.That(store.Count, Is.EqualTo(5));
        // Entries 7..11 remain: case 1 holds 7 and 10, case 2 holds 8 and 11, case 0 holds 9.
        Assert.That(store.SlotsOf(1).Select(s => store[s].Value), Is.EqualTo(new[] { 7f, 10f }));
        Assert.That(store.SlotsOf(2).Select(s => store[s].Value), Is.EqualTo(new[] { 8f, 11f }));
        Assert.That(store.SlotsOf(0).Select(s => store[s].Value), Is.EqualTo(new[] { 9f }));
        Assert.That(store.SlotsOf(42), Is.Empty);
        Assert.That(store.MeanValue, Is.EqualTo(9.0).Within(1e-9));
    }

    [Test]
    public void ThePolicyStoreRespectsStoreSize()
    {
        var bank = LearningFixtures.Bank(seed: 5);
        using var policy = new KernelEpisodicPolicy(LearningFixtures.Kernel(storeSize: 10), seed: 5, LearningFixtures.Encoder(bank));
        Play(policy, bank, episodes: 20, seed: 5);
        Assert.That(policy.Store.Count, Is.EqualTo(10));
    }

    [Test]
    public void SoftTdTargetUsesTheTargetEstimatesOfTheNextState()
    {
        var bank = LearningFixtures.Bank(seed: 6, perKeyword: 1);
        var config = LearningFixtures.Kernel(gamma: 0.9, alpha: 0.5, updates: 0);
        using var policy = new KernelEpisodicPolicy(config with { Shortlist = 100 }, seed: 6, LearningFixtures.Encoder(bank));
        const string next = "which glacier city river?";
        // Empty store: every one of the n next-state cases has the prior 0.5, so y = r + γ·α·ln(n·e^(0.5/α)).
        var n = bank.Count;
        Assert.That(policy.TdTarget(1, next, bank), Is.EqualTo(1 + 0.9 * (0.5 + 0.5 * Math.Log(n))).Within(1e-5));
        Assert.That(policy.TdTarget(1, null, null), Is.EqualTo(1), "terminal");

        Play(policy, bank, episodes: 10, seed: 6);
        // With no gradient steps the target network equals the online one, so its estimates are Estimate's.
        var nextQ = policy.Estimate(next, bank.Cases.Select(c => c.Id).ToArray()).Select(q => (double)q).ToArray();
        Assert.That(policy.TdTarget(0, next, bank), Is.EqualTo(KernelMath.SoftTdTarget(0, 0.9, 0.5, nextQ)).Within(1e-5));

        // A transition with a next state stores its TD target as the entry's value.
        var task = LearningFixtures.Task(new Random(1), 99);
        var expected = policy.TdTarget(1, next, bank);
        policy.Update(new EpisodeFeedback(task, [bank[0]], 1), next, bank);
        var slot = policy.Store.SlotsOf(bank[0].Id).Last();
        Assert.That(policy.Store[slot].Value, Is.EqualTo((float)expected));
    }

    [Test]
    public void TwoPoliciesWithOneSeedFedTheSameEpisodesAreIdentical()
    {
        (List<int> Reads, List<TrainingPoint> History, long Steps) Run()
        {
            var bank = LearningFixtures.Bank(seed: 7);
            using var policy = new KernelEpisodicPolicy(LearningFixtures.Kernel() with { Temperature = 0.05 }, seed: 7, LearningFixtures.Encoder(bank));
            var reads = Play(policy, bank, episodes: 40, seed: 7);
            return (reads, policy.History.ToList(), policy.Steps);
        }
        var a = Run();
        var b = Run();
        Assert.That(a.Steps, Is.GreaterThan(0));
        Assert.That(b.Reads, Is.EqualTo(a.Reads));
        Assert.That(b.History, Is.EqualTo(a.History));
    }

    [Test]
    public void LearningTheKernelImprovesHeldOutEstimates()
    {
        // Three keywords, two cases each, cases tried uniformly: D_c mixes tasks where c helped (same keyword) and
        // tasks where it did not. A kernel that learns to look at the keyword, not the filler words, separates them.
        string[] keywords = ["volcano", "violin", "falcon"];
        var rng = new Random(8);
        var bank = new CaseBank();
        foreach (var keyword in keywords.Concat(keywords)) bank.Write(LearningFixtures.Sentence(rng, keyword), "{}", 1);
        var encoder = LearningFixtures.Encoder(bank);
        var config = LearningFixtures.Kernel(updates: 4, batchSize: 32);
        using var learned = new KernelEpisodicPolicy(config, seed: 8, encoder);
        using var fixedKernel = new KernelEpisodicPolicy(config with { UpdatesPerEpisode = 0 }, seed: 8, encoder);
        QaTask Task(int i) => new($"t{i}", LearningFixtures.Sentence(rng, keywords[rng.Next(keywords.Length)]), ["x"], "toy");
        for (var i = 0; i < 300; i++)
        {
            var task = Task(i);
            Case[] read = [bank[rng.Next(bank.Count)]];
            var feedback = new EpisodeFeedback(task, read, LearningFixtures.Helps(task, read[0]));
            learned.Update(feedback);
            fixedKernel.Update(feedback);
        }
        double HeldOutAuc(KernelEpisodicPolicy policy)
        {
            var probe = new Random(77);
            var scores = new List<double>();
            var labels = new List<bool>();
            for (var i = 0; i < 300; i++)
            {
                var task = new QaTask("p", LearningFixtures.Sentence(probe, keywords[probe.Next(3)]), ["x"], "toy");
                var c = bank[probe.Next(bank.Count)];
                scores.Add(policy.Estimate(task.Question, [c.Id])[0]);
                labels.Add(LearningFixtures.Helps(task, c) == 1);
            }
            return Metrics.RocAuc(scores, labels);
        }
        var before = HeldOutAuc(fixedKernel);
        var after = HeldOutAuc(learned);
        var losses = learned.History.Where(p => p.Loss is not null).Select(p => p.Loss!.Value).ToList();
        TestContext.Out.WriteLine($"held-out AUC {before:F3} (fixed kernel) → {after:F3} (learned); loss {losses.Take(30).Average():F4} → {losses.TakeLast(30).Average():F4}");
        Assert.That(after, Is.GreaterThan(before + 0.05));
        Assert.That(losses.TakeLast(50).Average(), Is.LessThan(losses.Take(50).Average()), "TD loss falls");
    }

    [Test]
    public void HistoryCsvHasEpisodeLossAndAucColumns()
    {
        var bank = LearningFixtures.Bank(seed: 9);
        using var policy = new KernelEpisodicPolicy(LearningFixtures.Kernel(), seed: 9, LearningFixtures.Encoder(bank));
        Play(policy, bank, episodes: 5, seed: 9);
        var path = Path.Combine(TestPaths.TempDir(), "kernel_training.csv");
        policy.WriteHistoryCsv(path);
        Assert.That(File.ReadAllLines(path), Has.Length.EqualTo(6).And.Some.EqualTo("episode,loss,auc"));
    }

    private static List<int> Play(KernelEpisodicPolicy policy, CaseBank bank, int episodes, int seed)
    {
        var rng = new Random(seed);
        var reads = new List<int>();
        for (var i = 0; i < episodes; i++)
        {
            var task = LearningFixtures.Task(rng, i);
            var read = policy.Read(new ReadRequest(task, bank, 2, rng));
            reads.AddRange(read.Select(c => c.Id));
            policy.Update(new EpisodeFeedback(task, read, read.Max(c => LearningFixtures.Helps(task, c))));
        }
        return reads;
    }
}
