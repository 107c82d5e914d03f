using System.Text.Json;
using Memento.Learning;
using NUnit.Framework;

namespace Memento.Tests.Learning;

/// <summary>Offline evaluation on a synthetic log where the logged run succeeded exactly when its cases were of the
/// query's partner keyword, and failed when they were of its own keyword: similarity ranks the failing cases first,
/// a scorer that learns (task, case) pairs must win.</summary>
public class OfflineEvaluationTests
{
    /// <summary>Writes the log: queries of each keyword, half of them logged with 8 of the partner keyword's 10 cases
    /// (success), half with 8 of their own keyword's (failure). Cases recur across queries, as in a real bank.</summary>
    public static string PartnerWorldPairs(string dir, int queries = 480, int seed = 5)
    {
        var rng = new Random(seed);
        var keywords = LearningFixtures.Keywords;
        var cases = keywords.ToDictionary(k => k, k => Enumerable.Range(0, 10).Select(_ => LearningFixtures.Sentence(rng, k)).ToArray());
        var lines = new List<string>();
        for (var q = 0; q < queries; q++)
        {
            var keyword = keywords[q % keywords.Length];
            var query = LearningFixtures.Sentence(rng, keyword) + $" #{q}";
            var success = rng.Next(2) == 1;
            var caseKeyword = success ? keywords[(Array.IndexOf(keywords, keyword) + 1) % keywords.Length] : keyword;
            foreach (var c in cases[caseKeyword].OrderBy(_ => rng.Next()).Take(8))
                lines.Add(JsonSerializer.Serialize(new { query, @case = c, case_label = rng.Next(2) == 1 ? "positive" : "negative", plan = "{}", truth_label = success }));
        }
        var path = Path.Combine(dir, "pairs.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static readonly QNetConfig Network = LearningFixtures.QNet() with { LearningRate = 3e-3, EmbeddingLearningRate = 0.1 };

    private static OfflineEvalOptions Options(string pairs, string outDir) => new(
        new RetrieverTrainingOptions(pairs, outDir, Network, ValRatio: 0.25, Seed: 3, Epochs: 20, CosineDimension: 512),
        [Network, Network with { Features = "encoder" }],
        LearningFixtures.Kernel() with { Shortlist = 16 },
        [("tfidf", null)]);

    [Test]
    public void Learned_scorers_beat_similarity_where_similarity_is_misled()
    {
        var dir = TestPaths.TempDir();
        var rows = OfflineEvaluation.Run(Options(PartnerWorldPairs(dir), Path.Combine(dir, "out")));
        foreach (var r in rows) TestContext.Out.WriteLine($"{r.Scorer} ({r.Encoder}): AUC {r.HeldOutAuc:F3}, per-query {r.PerQueryTopKPrecision:F3}, pooled {r.PooledTopKPrecision:F3}");
        var by = rows.ToDictionary(r => r.Scorer);
        Assert.That(rows.Select(r => r.Scorer), Is.EqualTo(new[] { "random", "similarity", "qnet (hashed features)", "qnet (encoder features)", "kernel" }));
        Assert.That(by["similarity"].HeldOutAuc, Is.LessThan(0.4), "same-keyword cases are the failures");
        Assert.That(by["random"].HeldOutAuc, Is.InRange(0.4, 0.6));
        // The sparse tables learn slowest from 2,880 rows; all three learned scorers must beat random and similarity.
        Assert.That(by["qnet (hashed features)"].HeldOutAuc, Is.GreaterThan(0.6));
        Assert.That(by["qnet (encoder features)"].HeldOutAuc, Is.GreaterThan(0.8));
        Assert.That(by["kernel"].HeldOutAuc, Is.GreaterThan(0.7));
        Assert.That(by["kernel"].PooledTopKPrecision, Is.GreaterThan(by["similarity"].PooledTopKPrecision + 0.2));
        // Every case of a query carries its label: no ranking within a query moves the per-query precision.
        Assert.That(rows.Select(r => r.PerQueryTopKPrecision).Distinct().Count(), Is.EqualTo(1));
        Assert.That(rows.Select(r => r.Rows).Distinct().Single(), Is.EqualTo(120 * 8));
    }

    [Test]
    public void Top_k_precision_counts_ties_at_the_cut_off_in_expectation()
    {
        Assert.That(Metrics.PrecisionAtK([0.9, 0.5, 0.5, 0.1], [true, true, false, false], 2), Is.EqualTo(0.75));
        Assert.That(Metrics.PrecisionAtK([1, 1, 1, 1], [true, false, false, false], 3), Is.EqualTo(0.25));
        Assert.That(Metrics.PrecisionAtK([0.2, 0.8], [false, true], 5), Is.EqualTo(0.5), "k above the row count takes all rows");
    }

    [Test]
    public void Fitting_the_kernel_on_logged_pairs_refuses_a_discount()
    {
        Assert.That(() => KernelOfflineFit.FitAndScore(LearningFixtures.Kernel(gamma: 0.9), 1, new Memento.Core.Text.HashedTfIdfEncoder(64, ["a"]), [], []),
            Throws.TypeOf<Memento.Core.MementoException>().With.Message.Contains("gamma"));
    }
}
