using Memento.Core.Memory;
using Memento.Core.Memory.Policies;
using Memento.Core.Tasks;
using Memento.Learning;
using NUnit.Framework;

namespace Memento.Tests.Learning;

public class EncoderQNetPolicyTests
{
    private static QNetConfig Config(int warmup = 16, double epsilon = 0.2, int adapterDim = 0, string? init = null) =>
        LearningFixtures.QNet(warmup: warmup, epsilon: epsilon, batchSize: 32, updates: 2, init: init) with
        {
            Features = "encoder", AdapterDim = adapterDim, Hidden = 64, LearningRate = 1e-2,
        };

    /// <summary>The misleading toy world: a task is helped only by cases of its keyword's PARTNER keyword, never by
    /// cases of its own — so the most similar case (same keyword) never helps.</summary>
    private static int HelpsPartner(QaTask task, Case c)
    {
        var k = Array.IndexOf(LearningFixtures.Keywords, LearningFixtures.KeywordOf(task.Question));
        return LearningFixtures.KeywordOf(c.Question) == LearningFixtures.Keywords[(k + 1) % LearningFixtures.Keywords.Length] ? 1 : 0;
    }

    private static double HitRate(IReadPolicy policy, CaseBank bank, int episodes, int seed, List<double>? curve = null)
    {
        var rng = new Random(seed);
        var hits = new List<int>();
        for (var e = 0; e < episodes; e++)
        {
            var task = LearningFixtures.Task(rng, e);
            var read = policy.Read(new ReadRequest(task, bank, 1, rng));
            var reward = HelpsPartner(task, read[0]);
            hits.Add(reward);
            policy.Update(new EpisodeFeedback(task, read, reward));
        }
        curve?.AddRange(hits.Chunk(100).Select(c => c.Average()));
        return hits.TakeLast(200).Average();
    }

    [TestCase(0)]
    [TestCase(32)]
    public void It_learns_a_world_where_similarity_is_misled(int adapterDim)
    {
        var bank = LearningFixtures.Bank(seed: 5, perKeyword: 4);
        var encoder = LearningFixtures.Encoder(bank);
        var similarity = HitRate(new SimilarityPolicy(encoder), bank, 300, seed: 6);
        using var policy = new EncoderQNetPolicy(Config(adapterDim: adapterDim), seed: 5, encoder);
        var curve = new List<double>();
        var learned = HitRate(policy, bank, 2000, seed: 6, curve);
        TestContext.Out.WriteLine($"similarity {similarity:F2}; encoder qnet per 100 episodes: {string.Join(" ", curve.Select(x => x.ToString("F2")))}");
        Assert.That(similarity, Is.LessThan(0.1), "the most similar case is nearly always of the task's own keyword, which never helps");
        Assert.That(learned, Is.GreaterThan(0.5), "hit rate of the last 200 episodes (chance with ε-exploration: ~0.1)");
        Assert.That(policy.History[^1].Auc, Is.GreaterThan(0.75), "rolling held-out AUC");
    }

    [Test]
    public void Before_training_it_reads_like_similarity()
    {
        var bank = LearningFixtures.Bank(seed: 1);
        var encoder = LearningFixtures.Encoder(bank);
        using var policy = new EncoderQNetPolicy(Config(warmup: 0, epsilon: 0), seed: 1, encoder);
        var similarity = new SimilarityPolicy(encoder);
        var rng = new Random(4);
        for (var i = 0; i < 10; i++)
        {
            var task = LearningFixtures.Task(rng, i);
            Assert.That(policy.UsesNetwork, Is.True);
            Assert.That(policy.Read(new ReadRequest(task, bank, 4, new Random(i))).Select(c => c.Id),
                Is.EqualTo(similarity.Read(new ReadRequest(task, bank, 4, new Random(i))).Select(c => c.Id)));
        }
    }

    [Test]
    public void One_seed_gives_identical_reads_and_a_saved_network_scores_identically()
    {
        var bank = LearningFixtures.Bank(seed: 7);
        var encoder = LearningFixtures.Encoder(bank);
        var path = Path.Combine(TestPaths.TempDir(), "qnet.pt");
        float[] Play(int seed, string? save = null)
        {
            using var policy = new EncoderQNetPolicy(Config(warmup: 8, adapterDim: 16), seed, encoder);
            HitRate(policy, bank, 60, seed: 1);
            if (save is not null) policy.Save(save);
            return policy.Score("which glacier team?", bank.Cases);
        }
        var a = Play(11, path);
        Assert.That(Play(11), Is.EqualTo(a));
        Assert.That(Play(12), Is.Not.EqualTo(a));
        using var loaded = new EncoderQNetPolicy(Config(warmup: 1000, init: path), seed: 99, encoder);
        Assert.That(loaded.UsesNetwork, Is.True);
        Assert.That(loaded.Score("which glacier team?", bank.Cases), Is.EqualTo(a));
        Assert.That(() => new EncoderQNetPolicy(Config(init: path), 1, new Memento.Core.Text.HashedTfIdfEncoder(64, [])),
            Throws.InstanceOf<Memento.Core.MementoException>().With.Message.Contains("512-dimensional"));
    }
}
