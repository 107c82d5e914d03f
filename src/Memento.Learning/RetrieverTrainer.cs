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

        var (split, duplicates) = LoadSplit(options);
        var train = split.Train;
        var validation = split.Validation;
        var valLabels = validation.Select(p => p.Label).ToArray();
        log($"pairs: {train.Count + validation.Count} rows ({duplicates} exact duplicates dropped); split by query: " +
            $"train {split.TrainQueries} queries / {train.Count} rows, validation {split.ValidationQueries} queries / {validation.Count} rows");

        var encoder = options.Encoder ?? TrainSideEncoder(split, options.CosineDimension);
        var rows = train.Concat(validation).ToList();
        (encoder as CachingTextEncoder)?.Warm(rows.Select(p => p.Query).Concat(rows.Select(p => p.Case)));
        var trainSimilarity = Cosine(encoder, train);
        var valSimilarity = Cosine(encoder, validation);
        var cosineAuc = Metrics.RocAuc(valSimilarity.Select(s => (double)s).ToList(), valLabels);
        log($"baseline: query-case cosine similarity, validation AUC {Fmt(cosineAuc)}");

        Directory.CreateDirectory(options.OutDir);
        var checkpoint = Path.Combine(options.OutDir, CheckpointFile);
        var network = options.Network;
        var data = new SplitData(train, validation, trainSimilarity, valSimilarity);
        List<EpochMetrics> epochs;
        EpochMetrics best;
        double[] bestScores;
        if (network.Features == "encoder")
        {
            var vectors = new Dictionary<string, float[]>();
            float[] VectorOf(string text)
            {
                if (vectors.TryGetValue(text, out var known)) return known;
                var vector = new float[encoder.Dimension];
                encoder.Encode(text, vector);
                return vectors[text] = vector;
            }
            using var model = new EncoderPairModel(EncoderQNetPolicy.Network(network, options.Seed, encoder.Dimension), network.LearningRate);
            (epochs, best, bestScores) = Train(model, VectorOf, p => VectorOf(p.Case), data, options, checkpoint, log);
        }
        else
        {
            var scorer = network.Init is null ? new CaseScorer(ScorerArchitecture.From(network), options.Seed) : QNetPolicy.LoadInit(network, network.Init);
            using var model = new HashedPairModel(scorer, network.LearningRate, network.EmbeddingLearningRate);
            var features = new Dictionary<string, int[]>();
            int[] FeaturesOf(string text) => features.TryGetValue(text, out var f) ? f : features[text] = scorer.Features(text);
            (epochs, best, bestScores) = Train(model, FeaturesOf, p => FeaturesOf(p.CaseText), data, options, checkpoint, log);
        }

        var metricsPath = Path.Combine(options.OutDir, MetricsFile);
        var result = new RetrieverTrainingResult(best.ValAuc, cosineAuc, best.ValAccuracy, best.ValF1, best.Epoch, epochs,
            split.TrainQueries, split.ValidationQueries, train.Count, validation.Count, duplicates, checkpoint, metricsPath, bestScores);
        RetrieverMetricsFile.Write(metricsPath, options, result,
            train.Average(p => p.Label ? 1.0 : 0.0), validation.Average(p => p.Label ? 1.0 : 0.0));
        log($"best epoch {best.Epoch}: validation AUC {Fmt(best.ValAuc)} vs cosine {Fmt(cosineAuc)}; wrote {checkpoint} and {metricsPath}");
        return result;
    }

    /// <summary>The pairs file's rows without exact duplicates (the first <c>MaxQueries</c> queries when set), split by
    /// query with the options' ratio and seed: the same split for every caller with the same options.</summary>
    internal static (QuerySplit Split, int Duplicates) LoadSplit(RetrieverTrainingOptions options)
    {
        var (pairs, duplicates) = Deduplicate(TrainingPairsFile.Read(options.PairsPath));
        if (options.MaxQueries is { } max)
        {
            var kept = pairs.Select(p => p.Query).Distinct().Take(max).ToHashSet();
            pairs = pairs.Where(p => kept.Contains(p.Query)).ToList();
        }
        return (QuerySplit.ByQuery(pairs, options.ValRatio, options.Seed), duplicates);
    }

    /// <summary>The trainer's own encoder: hashed TF-IDF fitted on the training side's queries and case questions only.</summary>
    internal static ITextEncoder TrainSideEncoder(QuerySplit split, int dimension) =>
        new HashedTfIdfEncoder(dimension, split.Train.Select(p => p.Query).Concat(split.Train.Select(p => p.Case)).Distinct());

    private sealed record SplitData(IReadOnlyList<TrainingPair> Train, IReadOnlyList<TrainingPair> Validation, float[] TrainSimilarity, float[] ValSimilarity);

    /// <summary>The epochs of one network over its own representation of the texts; the best epoch's weights are saved
    /// (the last epoch's when <see cref="RetrieverTrainingOptions.SelectBestEpoch"/> is off), with its held-out scores.</summary>
    private static (List<EpochMetrics> Epochs, EpochMetrics Best, double[] BestScores) Train<T>(IPairModel<T> model, Func<string, T> taskOf,
        Func<TrainingPair, T> caseOf, SplitData data, RetrieverTrainingOptions options, string checkpoint, Action<string> log)
    {
        var network = options.Network;
        var (train, validation) = (data.Train, data.Validation);
        var trainTasks = train.Select(p => taskOf(p.Query)).ToArray();
        var trainCases = train.Select(caseOf).ToArray();
        var trainLabels = train.Select(p => p.Label ? 1f : 0f).ToArray();
        var trainOutcomes = train.Select(Outcome).ToArray();
        var valOutcomes = validation.Select(Outcome).ToArray();
        var valTasks = validation.Select(p => taskOf(p.Query)).ToArray();
        var valCases = validation.Select(caseOf).ToArray();
        var valLabels = validation.Select(p => p.Label).ToArray();
        var positives = train.Count(p => p.Label);
        var positiveWeight = network.PositiveWeight && positives > 0 && positives < train.Count
            ? (double)(train.Count - positives) / positives
            : 1.0;

        var rng = new Random(options.Seed);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var epochs = new List<EpochMetrics>();
        EpochMetrics? best = null;
        double[] bestScores = [];
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            var lossSum = 0.0;
            var batches = 0;
            foreach (var chunk in order.Chunk(network.BatchSize))
            {
                try
                {
                    lossSum += model.Step(
                        chunk.Select(i => trainTasks[i]).ToArray(),
                        chunk.Select(i => trainCases[i]).ToArray(),
                        chunk.Select(i => data.TrainSimilarity[i]).ToArray(),
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
            var scores = Predict(model, valTasks, valCases, data.ValSimilarity, valOutcomes);
            var metrics = new EpochMetrics(epoch, lossSum / batches, LogLoss(scores, valLabels),
                Metrics.Accuracy(scores, valLabels), Metrics.F1(scores, valLabels), Metrics.RocAuc(scores, valLabels));
            epochs.Add(metrics);
            var improved = best is null || metrics.ValAuc > best.ValAuc || (double.IsNaN(best.ValAuc) && !double.IsNaN(metrics.ValAuc));
            var keep = improved || !options.SelectBestEpoch;
            if (keep)
            {
                best = metrics;
                bestScores = scores;
                AtomicFile.Write(checkpoint, model.Save);
            }
            log($"epoch {epoch}/{options.Epochs}: train loss {metrics.TrainLoss:F4}, validation loss {metrics.ValLoss:F4}, " +
                $"accuracy {metrics.ValAccuracy:F4}, F1 {metrics.ValF1:F4}, AUC {Fmt(metrics.ValAuc)}{(keep ? options.SelectBestEpoch ? " (best so far, saved)" : " (saved)" : "")}");
        }
        return (epochs, best!, bestScores);
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
    internal static float[] Cosine(ITextEncoder encoder, IReadOnlyList<TrainingPair> pairs)
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

    private static float Outcome(TrainingPair pair) => pair.CaseReward;

    private static double[] Predict<T>(IPairModel<T> model, T[] tasks, T[] cases, float[] similarity, float[] outcomes)
    {
        const int chunk = 1024; // bounds the size of one native batch
        var scores = new double[tasks.Length];
        for (var start = 0; start < tasks.Length; start += chunk)
        {
            var n = Math.Min(chunk, tasks.Length - start);
            var q = model.ScorePairs(tasks.AsSpan(start, n).ToArray(), cases.AsSpan(start, n).ToArray(), similarity.AsSpan(start, n).ToArray(), outcomes.AsSpan(start, n).ToArray());
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
