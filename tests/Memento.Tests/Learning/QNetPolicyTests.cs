using Memento.Core.Memory;
using Memento.Core.Memory.Policies;
using Memento.Learning;
using NUnit.Framework;

namespace Memento.Tests.Learning;

public class QNetPolicyTests
{
    [Test]
    public void DuringWarmupItReadsLikeSimilarity()
    {
        var bank = LearningFixtures.Bank(seed: 1);
        var encoder = LearningFixtures.Encoder(bank);
        using var policy = new QNetPolicy(LearningFixtures.QNet(warmup: 1000), seed: 1, encoder);
        var similarity = new SimilarityPolicy(encoder);
        var rng = new Random(4);
        for (var i = 0; i < 10; i++)
        {
            var task = LearningFixtures.Task(rng, i);
            Assert.That(policy.UsesNetwork, Is.False);
            Assert.That(policy.Read(new ReadRequest(task, bank, 4, new Random(i))).Select(c => c.Id),
                Is.EqualTo(similarity.Read(new ReadRequest(task, bank, 4, new Random(i))).Select(c => c.Id)));
        }
    }

    [Test]
    public void ReadsAreBoundedByTheBankAndEmptyForKZero()
    {
        var bank = LearningFixtures.Bank(seed: 1, perKeyword: 1);
        using var policy = new QNetPolicy(LearningFixtures.QNet(warmup: 0), seed: 1, LearningFixtures.Encoder(bank));
        var task = LearningFixtures.Task(new Random(1), 0);
        Assert.That(policy.Read(new ReadRequest(task, bank, 50, new Random(1))), Has.Count.EqualTo(bank.Count));
        Assert.That(policy.Read(new ReadRequest(task, bank, 0, new Random(1))), Is.Empty);
        Assert.That(policy.Read(new ReadRequest(task, new CaseBank(), 4, new Random(1))), Is.Empty);
    }

    [Test]
    public void SoftmaxReadWithTinyTemperatureEqualsGreedyRead()
    {
        var bank = LearningFixtures.Bank(seed: 2);
        var encoder = LearningFixtures.Encoder(bank);
        using var greedy = new QNetPolicy(LearningFixtures.QNet(warmup: 0), seed: 3, encoder);
        using var soft = new QNetPolicy(LearningFixtures.QNet(warmup: 0, temperature: 1e-6), seed: 3, encoder);
        var rng = new Random(8);
        for (var i = 0; i < 20; i++)
        {
            var task = LearningFixtures.Task(rng, i);
            Assert.That(soft.Read(new ReadRequest(task, bank, 4, new Random(i))).Select(c => c.Id),
                Is.EqualTo(greedy.Read(new ReadRequest(task, bank, 4, new Random(i))).Select(c => c.Id)));
        }
    }

    [Test]
    public void GreedyReadIsTheTopKOfTheNetworkOverTheShortlist()
    {
        var bank = LearningFixtures.Bank(seed: 2);
        using var policy = new QNetPolicy(LearningFixtures.QNet(warmup: 0, shortlist: 1000), seed: 3, LearningFixtures.Encoder(bank));
        var task = LearningFixtures.Task(new Random(1), 0);
        var scores = policy.Score(task.Question, bank.Cases);
        var expected = Enumerable.Range(0, bank.Count).OrderByDescending(i => scores[i]).Take(4);
        Assert.That(policy.Read(new ReadRequest(task, bank, 4, new Random(1))).Select(c => c.Id), Is.EqualTo(expected));
    }

    [Test]
    public void TwoPoliciesWithOneSeedFedTheSameEpisodesAreIdentical()
    {
        var (readsA, scoresA, historyA) = Play(seed: 11);
        var (readsB, scoresB, historyB) = Play(seed: 11);
        Assert.That(readsB, Is.EqualTo(readsA));
        Assert.That(scoresB, Is.EqualTo(scoresA));
        Assert.That(historyB, Is.EqualTo(historyA));
        var (readsC, _, _) = Play(seed: 12);
        Assert.That(readsC, Is.Not.EqualTo(readsA), "another seed should differ somewhere");
    }

    [Test]
    public void OnlineTrainingLearnsTheToyWorld()
    {
        // K = 1, so each episode's reward is exactly whether its one case helped: a clean online signal.
        var bank = LearningFixtures.Bank(seed: 5, perKeyword: 4);
        using var policy = new QNetPolicy(LearningFixtures.QNet(warmup: 16, epsilon: 0.1, batchSize: 32, updates: 2), seed: 5,
            LearningFixtures.Encoder(bank));
        var rng = new Random(6);
        var hits = new List<int>();
        for (var episode = 0; episode < 800; episode++)
        {
            var task = LearningFixtures.Task(rng, episode);
            var read = policy.Read(new ReadRequest(task, bank, 1, rng));
            var reward = LearningFixtures.Helps(task, read[0]);
            hits.Add(reward);
            policy.Update(new EpisodeFeedback(task, read, reward));
        }
        var history = policy.History;
        TestContext.Out.WriteLine(string.Join(" ", history.Where((_, i) => i % 40 == 0).Select(p => $"{p.Episode}:{p.Loss:F3}/{p.Auc:F2}")));
        TestContext.Out.WriteLine(string.Join(" ", hits.Chunk(80).Select(c => c.Average().ToString("F2"))));
        Assert.That(history, Has.Count.EqualTo(800));
        Assert.That(history.Select(p => p.Episode), Is.EqualTo(Enumerable.Range(1, 800)));
        var early = history.Where(p => p.Loss is not null).Take(100).Average(p => p.Loss!.Value);
        var late = history.TakeLast(100).Average(p => p.Loss!.Value);
        Assert.That(late, Is.LessThan(early), "training loss falls");
        Assert.That(history[^1].Auc, Is.GreaterThan(0.75), "rolling held-out AUC");
    }

    [Test]
    public void SavedNetworkLoadsAsInitAndScoresIdentically()
    {
        var bank = LearningFixtures.Bank(seed: 3);
        var encoder = LearningFixtures.Encoder(bank);
        var path = Path.Combine(TestPaths.TempDir(), "qnet.pt");
        float[] before;
        using (var trained = new QNetPolicy(LearningFixtures.QNet(warmup: 4), seed: 3, encoder))
        {
            Feed(trained, bank, episodes: 30, seed: 3);
            before = trained.Score("which volcano river?", bank.Cases);
            trained.Save(path);
        }
        using var loaded = new QNetPolicy(LearningFixtures.QNet(warmup: 1000, init: path), seed: 99, encoder);
        Assert.That(loaded.UsesNetwork, Is.True, "a pretrained network ranks from the first read");
        Assert.That(loaded.Score("which volcano river?", bank.Cases), Is.EqualTo(before));
    }

    [Test]
    public void HistoryCsvHasEpisodeLossAndAucColumns()
    {
        var bank = LearningFixtures.Bank(seed: 4);
        using var policy = new QNetPolicy(LearningFixtures.QNet(warmup: 8), seed: 4, LearningFixtures.Encoder(bank));
        Feed(policy, bank, episodes: 12, seed: 4);
        var path = Path.Combine(TestPaths.TempDir(), "qnet_training.csv");
        policy.WriteHistoryCsv(path);
        var lines = File.ReadAllLines(path);
        Assert.That(lines[0], Is.EqualTo("episode,loss,auc"));
        Assert.That(lines, Has.Length.EqualTo(13));
        Assert.That(lines[1], Does.StartWith("1,,"), "no step before warm-up: an empty loss cell");
        var rows = Memento.Core.Results.CsvFiles.Read<Memento.Core.Results.TrainingHistoryRow>(path);
        Assert.That(rows.Select(r => r.Loss), Is.EqualTo(policy.History.Select(p => p.Loss)));
    }

    private static void Feed(QNetPolicy policy, CaseBank bank, int episodes, int seed)
    {
        var rng = new Random(seed);
        for (var i = 0; i < episodes; i++)
        {
            var task = LearningFixtures.Task(rng, i);
            var read = policy.Read(new ReadRequest(task, bank, 2, rng));
            policy.Update(new EpisodeFeedback(task, read, read.Max(c => LearningFixtures.Helps(task, c))));
        }
    }

    private static (List<int> Reads, float[] Scores, List<TrainingPoint> History) Play(int seed)
    {
        var bank = LearningFixtures.Bank(seed: 7);
        using var policy = new QNetPolicy(LearningFixtures.QNet(warmup: 8, temperature: 0.1, epsilon: 0.1), seed, LearningFixtures.Encoder(bank));
        var rng = new Random(1);
        var reads = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            var task = LearningFixtures.Task(rng, i);
            var read = policy.Read(new ReadRequest(task, bank, 3, new Random(i)));
            reads.AddRange(read.Select(c => c.Id));
            policy.Update(new EpisodeFeedback(task, read, read.Max(c => LearningFixtures.Helps(task, c))));
        }
        return (reads, policy.Score("which glacier team?", bank.Cases), policy.History.ToList());
    }
}
