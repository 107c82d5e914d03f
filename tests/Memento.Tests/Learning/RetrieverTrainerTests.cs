using System.Text.Json;
using Memento.Core;
using Memento.Learning;
using NUnit.Framework;

namespace Memento.Tests.Learning;

public class RetrieverTrainerTests
{
    private static string PairsPath => TestData.TrainingPairs;

    private static QNetConfig Network => LearningFixtures.QNet() with
    {
        Buckets = 1 << 16, EmbeddingDim = 64, Hidden = 128, BatchSize = 64,
    };

    [Test]
    public void TrainsOnASliceAndWritesMetricsAndACheckpoint()
    {
        var outDir = TestPaths.TempDir();
        var lines = new List<string>();
        var result = RetrieverTrainer.Run(new RetrieverTrainingOptions(PairsPath, outDir, Network, ValRatio: 0.2, Seed: 42,
            Epochs: 2, MaxQueries: 150, Progress: lines.Add));

        Assert.That(result.TrainQueries + result.ValQueries, Is.EqualTo(150));
        Assert.That(result.ValQueries, Is.EqualTo(30));
        Assert.That(result.Epochs, Has.Count.EqualTo(2));
        Assert.That(lines.Count(l => l.StartsWith("epoch ")), Is.EqualTo(2));

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        var root = metrics.RootElement;
        Assert.That(root.GetProperty("val_auc").GetDouble(), Is.InRange(0.0, 1.0));
        Assert.That(root.GetProperty("val_auc_cosine").GetDouble(), Is.InRange(0.0, 1.0));
        Assert.That(root.GetProperty("val_auc").GetDouble(), Is.EqualTo(result.ValAuc));
        Assert.That(root.GetProperty("epochs").GetArrayLength(), Is.EqualTo(2));
        Assert.That(root.GetProperty("val_rows").GetInt32(), Is.EqualTo(result.ValRows));
        Assert.That(root.GetProperty("split").GetString(), Is.EqualTo("query"));

        using var loaded = CaseScorer.Load(Path.Combine(outDir, "qnet.pt"));
        Assert.That(loaded.Architecture, Is.EqualTo(ScorerArchitecture.From(Network)));
    }

    [Test]
    public void TheSplitIsByQueryNeverByRow()
    {
        var pairs = TrainingPairsFile.Read(PairsPath).Take(800).ToList();
        var split = QuerySplit.ByQuery(pairs, 0.25, seed: 3);
        var trainQueries = split.Train.Select(p => p.Query).ToHashSet();
        Assert.That(split.Validation.Select(p => p.Query), Has.None.Matches<string>(trainQueries.Contains));
        Assert.That(split.Train.Count + split.Validation.Count, Is.EqualTo(pairs.Count));
        var queries = pairs.Select(p => p.Query).Distinct().Count();
        Assert.That(split.ValidationQueries, Is.EqualTo((int)Math.Round(0.25 * queries)));
        Assert.That(QuerySplit.ByQuery(pairs, 0.25, seed: 3).Validation, Is.EqualTo(split.Validation), "seeded");
    }

    [Test]
    public void ABadLineNamesFileAndLine()
    {
        var path = Path.Combine(TestPaths.TempDir(), "pairs.jsonl");
        File.WriteAllLines(path, [
            """{"query": "q1", "case": "c", "case_label": "positive", "plan": "p", "truth_label": true}""",
            """{"query": "q1", "case": "c", "plan": "p", "truth_label": "yes"}""",
        ]);
        Assert.That(() => TrainingPairsFile.Read(path),
            Throws.TypeOf<MementoException>().With.Message.StartsWith($"{path}:2:").And.Message.Contains("truth_label"));

        File.WriteAllLines(path, ["""{"query": "q1", "case": "c", "plan": "p", "truth_label": false}""", "", "{not json"]);
        Assert.That(() => TrainingPairsFile.Read(path), Throws.TypeOf<MementoException>().With.Message.StartsWith($"{path}:3:"));

        File.WriteAllLines(path, ["""{"case": "c", "plan": "p", "truth_label": false}"""]);
        Assert.That(() => TrainingPairsFile.Read(path), Throws.TypeOf<MementoException>().With.Message.Contains("missing field 'query'"));
    }

    [Test]
    public void RejectsABadValidationRatio()
    {
        Assert.That(() => RetrieverTrainer.Run(new RetrieverTrainingOptions(PairsPath, TestPaths.TempDir(), Network, ValRatio: 1)),
            Throws.TypeOf<MementoException>().With.Message.Contains("validation ratio"));
    }

    [Test, Category("Slow")]
    public void OnTheFullPairsItBeatsChanceAndCosineSimilarity()
    {
        var result = RetrieverTrainer.Run(new RetrieverTrainingOptions(PairsPath, TestPaths.TempDir(),
            Network with { LearningRate = 1e-3, EmbeddingLearningRate = 0.05 }, ValRatio: 0.2, Seed: 42, Epochs: 5));
        TestContext.Out.WriteLine($"val_auc {result.ValAuc:F4} vs cosine {result.ValAucCosine:F4}");
        Assert.That(result.ValAuc, Is.GreaterThan(0.5));
        Assert.That(result.ValAuc, Is.GreaterThan(result.ValAucCosine));
    }
}
