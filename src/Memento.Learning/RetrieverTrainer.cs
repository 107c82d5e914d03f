using System.Globalization;
using Memento.Core;
using Memento.Core.Memory;
using Memento.Core.Results;
using Memento.Core.Text;

namespace Memento.Learning;

/// <summary>
/// Offline pretraining of the <see cref="CaseScorer"/> on Memento's retriever pairs (<c>training_data.jsonl</c>):
/// the same network and optimiser as the online policy, trained for a few epochs on a query-level split, evaluated
/// each epoch on the held-out queries, with the best epoch (by held-out AUC) kept as <c>qnet.pt</c> — usable as
/// <c>memory.qnet.init</c>. Plain query–case cosine similarity on the same held-out rows is the baseline to beat.
/// </summary>
public static class RetrieverTrainer
{
    public const string CheckpointFile = RunFolder.QNetFile;
    public const string MetricsFile = "metrics.json";

    public static RetrieverTrainingResult Run(RetrieverTrainingOptions options)
    {
        if (options.ValRatio is <= 0 or >= 1)
            throw new MementoException($"validation ratio must be between 0 and 1 (exclusive), got {options.ValRatio.ToString(CultureInfo.InvariantCulture)}");
        if (options.Epochs < 1) throw new MementoException($"epochs must be at least 1, got {options.Epochs}");
        var log = options.Progress ?? (_ => { });

        var (pairs, duplicates) = Deduplicate(TrainingPairsFile.Read(options.PairsPath));
        if (options.MaxQueries is { } max)
        {
            var kept = pairs.Select(p => p.Query).Distinct().Take(max).ToHashSet();
            pairs = pairs.Where(p => kept.Contains(p.Query)).ToList();
        }
        var split = QuerySplit.ByQuery(pairs, options.ValRatio, options.Seed);
        var train = split.Train;
        var validation = split.Validation;
        var valLabels = validation.Select(p => p.Label).ToArray();
        log($"pairs: {pairs.Count} rows ({duplicates} exact duplicates dropped); split by query: " +
            $"train {split.TrainQueries} queries / {train.Count} rows, validation {split.ValidationQueries} queries / {validation.Count} rows");

        var encoder = new HashedTfIdfEncoder(options.CosineDimension,
            train.Select(p => p.Query).Concat(train.Select(p => p.Case)).Distinct());
        var trainSimilarity = Cosine(encoder, train);
        var valSimilarity = Cosine(encoder, validation);
        var cosineAuc = Metrics.RocAuc(valSimilarity.Select(s => (double)s).ToList(), valLabels);
        log($"baseline: query-case cosine similarity, validation AUC {Fmt(cosineAuc)}");

        Directory.CreateDirectory(options.OutDir);
        var checkpoint = Path.Combine(options.OutDir, CheckpointFile);
        var network = options.Network;
        using var scorer = network.Init is null
            ? new CaseScorer(ScorerArchitecture.From(network), options.Seed)
            : QNetPolicy.LoadInit(network, network.Init);
        using var optimizer = new ScorerOptimizer(scorer, network.LearningRate, network.EmbeddingLearningRate);

        var features = new Dictionary<string, int[]>();
        int[] FeaturesOf(string text) => features.TryGetValue(text, out var f) ? f : features[text] = scorer.Features(text);
        var trainTasks = train.Select(p => FeaturesOf(p.Query)).ToArray();
        var trainCases = train.Select(p => FeaturesOf(p.CaseText)).ToArray();
        var trainLabels = train.Select(p => p.Label ? 1f : 0f).ToArray();
        var trainOutcomes = train.Select(Outcome).ToArray();
        var valOutcomes = validation.Select(Outcome).ToArray();
        var valTasks = validation.Select(p => FeaturesOf(p.Query)).ToArray();
        var valCases = validation.Select(p => FeaturesOf(p.CaseText)).ToArray();
        var positives = train.Count(p => p.Label);
        var positiveWeight = network.PositiveWeight && positives > 0 && positives < train.Count
            ? (double)(train.Count - positives) / positives
            : 1.0;

        var rng = new Random(options.Seed);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var epochs = new List<EpochMetrics>();
        EpochMetrics? best = null;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            var lossSum = 0.0;
            var batches = 0;
            foreach (var chunk in order.Chunk(network.BatchSize))
            {
                try
                {
                    lossSum += optimizer.Step(
                        chunk.Select(i => trainTasks[i]).ToArray(),
                        chunk.Select(i => trainCases[i]).ToArray(),
                        chunk.Select(i => trainSimilarity[i]).ToArray(),
                        chunk.Select(i => trainLabels[i]).ToArray(),
                        positiveWeight,
                        chunk.Select(i => trainOutcomes[i]).ToArray());
                }
                catch (TrainingDivergedException e)
                {
                    throw e.At($"epoch {epoch}, batch {batches + 1}").Then(best is null
                        ? "no checkpoint was written"
                        : $"{checkpoint} holds epoch {best.Epoch}, the best before it");
                }
                batches++;
            }
            var scores = Predict(scorer, valTasks, valCases, valSimilarity, valOutcomes);
            var metrics = new EpochMetrics(epoch, lossSum / batches, LogLoss(scores, valLabels),
                Metrics.Accuracy(scores, valLabels), Metrics.F1(scores, valLabels), Metrics.RocAuc(scores, valLabels));
            epochs.Add(metrics);
            var improved = best is null || metrics.ValAuc > best.ValAuc || (double.IsNaN(best.ValAuc) && !double.IsNaN(metrics.ValAuc));
            if (improved)
            {
                best = metrics;
                AtomicFile.Write(checkpoint, scorer.Save);
            }
            log($"epoch {epoch}/{options.Epochs}: train loss {metrics.TrainLoss:F4}, validation loss {metrics.ValLoss:F4}, " +
                $"accuracy {metrics.ValAccuracy:F4}, F1 {metrics.ValF1:F4}, AUC {Fmt(metrics.ValAuc)}{(improved ? " (best so far, saved)" : "")}");
        }

        var metricsPath = Path.Combine(options.OutDir, MetricsFile);
        var result = new RetrieverTrainingResult(best!.ValAuc, cosineAuc, best.ValAccuracy, best.ValF1, best.Epoch, epochs,
            split.TrainQueries, split.ValidationQueries, train.Count, validation.Count, duplicates, checkpoint, metricsPath);
        RetrieverMetricsFile.Write(metricsPath, options, result,
            train.Average(p => p.Label ? 1.0 : 0.0), validation.Average(p => p.Label ? 1.0 : 0.0));
        log($"best epoch {best.Epoch}: validation AUC {Fmt(best.ValAuc)} vs cosine {Fmt(cosineAuc)}; wrote {checkpoint} and {metricsPath}");
        return result;
    }

    /// <summary>Drops rows identical in every field (the file starts with one such pair): a duplicate only
    /// double-weights a row.</summary>
    private static (List<TrainingPair> Pairs, int Dropped) Deduplicate(List<TrainingPair> pairs)
    {
        var unique = pairs.Distinct().ToList();
        return (unique, pairs.Count - unique.Count);
    }

    /// <summary>Cosine of query and case question under hashed TF-IDF fitted on the training side only (so neither
    /// the baseline nor the network's similarity input sees more of the held-out queries than the network does) —
    /// the same first-stage similarity the online policy feeds the network.</summary>
    private static float[] Cosine(HashedTfIdfEncoder encoder, IReadOnlyList<TrainingPair> pairs)
    {
        var query = new float[encoder.Dimension];
        var @case = new float[encoder.Dimension];
        return pairs.Select(p =>
        {
            encoder.Encode(p.Query, query);
            encoder.Encode(p.Case, @case);
            return VectorIndex.Dot(query, @case);
        }).ToArray();
    }

    private static float Outcome(TrainingPair pair) => pair.CaseLabel == "positive" ? 1f : 0f;

    private static double[] Predict(CaseScorer scorer, int[][] tasks, int[][] cases, float[] similarity, float[] outcomes)
    {
        const int chunk = 1024; // bounds the size of one native batch
        var scores = new double[tasks.Length];
        for (var start = 0; start < tasks.Length; start += chunk)
        {
            var n = Math.Min(chunk, tasks.Length - start);
            var q = scorer.ScorePairs(tasks.AsSpan(start, n).ToArray(), cases.AsSpan(start, n).ToArray(), similarity.AsSpan(start, n).ToArray(), outcomes.AsSpan(start, n).ToArray());
            for (var i = 0; i < n; i++) scores[start + i] = q[i];
        }
        return scores;
    }

    private static double LogLoss(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        const double eps = 1e-7;
        var sum = 0.0;
        for (var i = 0; i < scores.Count; i++)
        {
            var p = Math.Clamp(scores[i], eps, 1 - eps);
            sum -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }
        return sum / scores.Count;
    }

    private static string Fmt(double value) => double.IsNaN(value) ? "undefined (one class)" : value.ToString("F4", CultureInfo.InvariantCulture);
}
