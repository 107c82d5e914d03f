using Memento.Core;
using Memento.Learning;
using NUnit.Framework;

namespace Memento.Tests.Learning;

public class CaseScorerTests
{
    private static readonly ScorerArchitecture Small = new(Buckets: 4096, EmbeddingDim: 16, Hidden: 32);

    [Test]
    public void SavedCheckpointReloadsToIdenticalScores()
    {
        using var scorer = new CaseScorer(Small, seed: 3);
        using (var optimizer = new ScorerOptimizer(scorer, 1e-2, 0.5))
        {
            var toy = ToyPairs(new Random(1), 32);
            for (var i = 0; i < 5; i++) optimizer.Step(toy.Tasks, toy.Cases, toy.Similarity, toy.Labels); // move the weights off their init
        }
        var probeTasks = new[] { "which volcano city?", "the violin team year", "" }.Select(scorer.Features).ToArray();
        var probeCases = new[] { "volcano river\n{plan}", "violin song\n{plan}", "cactus" }.Select(scorer.Features).ToArray();
        float[] similarity = [0.3f, 0.9f, 0f];
        var before = scorer.ScorePairs(probeTasks, probeCases, similarity);

        var path = Path.Combine(TestPaths.TempDir(), "qnet.pt");
        scorer.Save(path);
        using var loaded = CaseScorer.Load(path);

        Assert.That(loaded.Architecture, Is.EqualTo(Small));
        Assert.That(loaded.ScorePairs(probeTasks, probeCases, similarity), Is.EqualTo(before));
        Assert.That(loaded.Score(probeTasks[0], probeCases, similarity), Is.EqualTo(scorer.Score(probeTasks[0], probeCases, similarity)));
    }

    [Test]
    public void A_checkpoint_holds_only_the_rows_training_moved_and_reloads_bit_for_bit()
    {
        var shape = new ScorerArchitecture(Buckets: 1 << 16, EmbeddingDim: 64, Hidden: 128); // the default shape
        using var scorer = new CaseScorer(shape, seed: 5);
        using (var optimizer = new ScorerOptimizer(scorer, 1e-2, 0.5))
        {
            var toy = ToyPairs(new Random(2), 32);
            for (var i = 0; i < 5; i++) optimizer.Step(toy.Tasks, toy.Cases, toy.Similarity, toy.Labels);
        }
        var path = Path.Combine(TestPaths.TempDir(), "qnet.pt");
        scorer.Save(path);
        using var loaded = CaseScorer.Load(path);

        Assert.That(loaded.Seed, Is.EqualTo(5));
        Assert.That(Bits(loaded), Is.EqualTo(Bits(scorer)), "every parameter, untouched rows included, as saved");
        var dense = 2L * shape.Buckets * shape.EmbeddingDim * sizeof(float);
        Assert.That(new FileInfo(path).Length, Is.LessThan(dense / 50), "a few hundred touched rows and the MLP, not 2 × 65,536 rows");
    }

    [Test]
    public void A_version_3_checkpoint_with_dense_tables_still_loads_and_saves_as_version_4()
    {
        using var scorer = new CaseScorer(Small, seed: 6);
        using (var optimizer = new ScorerOptimizer(scorer, 1e-2, 0.5))
        {
            var toy = ToyPairs(new Random(4), 32);
            for (var i = 0; i < 3; i++) optimizer.Step(toy.Tasks, toy.Cases, toy.Similarity, toy.Labels);
        }
        var dir = TestPaths.TempDir();
        var old = Path.Combine(dir, "v3.pt");
        using (var writer = new BinaryWriter(File.Create(old))) // the version-3 layout: header, then TorchSharp's state dict
        {
            writer.Write("memento-qnet");
            writer.Write(3);
            writer.Write(Small.Buckets);
            writer.Write(Small.EmbeddingDim);
            writer.Write(Small.Hidden);
            scorer.save(writer);
        }
        using var loaded = CaseScorer.Load(old);
        Assert.That(Bits(loaded), Is.EqualTo(Bits(scorer)));

        var again = Path.Combine(dir, "v4.pt");
        loaded.Save(again); // seed unknown (0): every table row differs from seed 0's, so all are kept
        using var reloaded = CaseScorer.Load(again);
        Assert.That(Bits(reloaded), Is.EqualTo(Bits(scorer)));
    }

    [Test]
    public void A_truncated_version_4_checkpoint_is_a_one_line_error()
    {
        using var scorer = new CaseScorer(Small, seed: 1);
        var path = Path.Combine(TestPaths.TempDir(), "qnet.pt");
        scorer.Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^8]);
        Assert.That(() => CaseScorer.Load(path), Throws.TypeOf<MementoException>().With.Message.EqualTo($"{path}: truncated Q-network checkpoint"));
    }

    private static byte[][] Bits(CaseScorer scorer) => scorer.parameters().Select(p => p.bytes.ToArray()).ToArray();

    [Test]
    public void LoadingSomethingElseIsAClearError()
    {
        var path = Path.Combine(TestPaths.TempDir(), "not-a-checkpoint.pt");
        File.WriteAllText(path, "hello");
        Assert.That(() => CaseScorer.Load(path), Throws.TypeOf<MementoException>().With.Message.Contains(path));
        Assert.That(() => CaseScorer.Load(path + ".missing"), Throws.TypeOf<MementoException>().With.Message.Contains("not found"));
    }

    [Test]
    public void ScoresAreProbabilitiesAndOneTaskScoringMatchesPairScoring()
    {
        using var scorer = new CaseScorer(Small, seed: 1);
        var task = scorer.Features("which glacier river?");
        var cases = new[] { "glacier", "pharaoh song", "a\nb" }.Select(scorer.Features).ToArray();
        float[] similarity = [0.5f, 0.1f, 0.2f];
        var single = scorer.Score(task, cases, similarity);
        Assert.That(single, Has.All.InRange(0f, 1f));
        Assert.That(scorer.ScorePairs([task, task, task], cases, similarity), Is.EqualTo(single).Within(1e-6f));
        Assert.That(scorer.Score(task, [], []), Is.Empty);
    }

    [Test]
    public void AnUntrainedNetworkRanksLikeItsSimilarityInput()
    {
        using var scorer = new CaseScorer(Small, seed: 4);
        var task = scorer.Features("which glacier river?");
        var cases = new[] { "glacier", "pharaoh song", "a\nb", "violin" }.Select(scorer.Features).ToArray();
        float[] similarity = [0.2f, 0.9f, 0.1f, 0.5f];
        var scores = scorer.Score(task, cases, similarity);
        Assert.That(Enumerable.Range(0, 4).OrderByDescending(i => scores[i]), Is.EqualTo(new[] { 1, 3, 0, 2 }));
    }

    [Test]
    public void LossFallsOnALearnableToyProblem()
    {
        // A case helps iff it mentions the task's keyword; the similarity input is withheld (0), so the network must
        // learn the relation from hashed tokens.
        using var scorer = new CaseScorer(Small, seed: 7);
        using var optimizer = new ScorerOptimizer(scorer, 3e-3, 0.1);
        var rng = new Random(11);
        var losses = new List<double>();
        for (var step = 0; step < 300; step++)
        {
            var toy = ToyPairs(rng, 32);
            losses.Add(optimizer.Step(toy.Tasks, toy.Cases, toy.Similarity, toy.Labels));
        }
        var held = ToyPairs(new Random(999), 400);
        var auc = Metrics.RocAuc(scorer.ScorePairs(held.Tasks, held.Cases, held.Similarity).Select(q => (double)q).ToList(),
            held.Labels.Select(l => l == 1f).ToList());

        Assert.That(losses.TakeLast(30).Average(), Is.LessThan(0.5 * losses.Take(30).Average()));
        Assert.That(auc, Is.GreaterThan(0.9), "held-out AUC on fresh sentences");
        Assert.That(optimizer.Steps, Is.EqualTo(300));
    }

    [Test]
    public void SameSeedGivesIdenticalTraining()
    {
        float[] Train()
        {
            using var scorer = new CaseScorer(Small, seed: 5);
            using var optimizer = new ScorerOptimizer(scorer, 3e-3, 0.1);
            var rng = new Random(2);
            for (var i = 0; i < 20; i++)
            {
                var toy = ToyPairs(rng, 16);
                optimizer.Step(toy.Tasks, toy.Cases, toy.Similarity, toy.Labels, positiveWeight: 2);
            }
            var probe = ToyPairs(new Random(3), 20);
            return scorer.ScorePairs(probe.Tasks, probe.Cases, probe.Similarity);
        }
        Assert.That(Train(), Is.EqualTo(Train()));
    }

    /// <summary>Balanced toy pairs: half share the task's keyword. Similarity is withheld (all 0).</summary>
    internal static (int[][] Tasks, int[][] Cases, float[] Similarity, float[] Labels) ToyPairs(Random rng, int n)
    {
        var keywords = LearningFixtures.Keywords;
        var tasks = new int[n][];
        var cases = new int[n][];
        var labels = new float[n];
        for (var i = 0; i < n; i++)
        {
            var keyword = keywords[rng.Next(keywords.Length)];
            var helps = rng.Next(2) == 1;
            var other = helps ? keyword : keywords.Where(k => k != keyword).ElementAt(rng.Next(keywords.Length - 1));
            tasks[i] = TokenFeatures(LearningFixtures.Sentence(rng, keyword));
            cases[i] = TokenFeatures(LearningFixtures.Sentence(rng, other) + "\n{\"plan\":[]}");
            labels[i] = helps ? 1f : 0f;
        }
        return (tasks, cases, new float[n], labels);
    }

    private static int[] TokenFeatures(string text) => Memento.Core.Text.TokenHasher.Features(text, Small.Buckets);
}
