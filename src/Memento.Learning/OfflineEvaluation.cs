using Memento.Core;
using Memento.Core.Text;

namespace Memento.Learning;

/// <summary>
/// How each read policy's scorer would have ranked the cases of logged runs (Memento's retriever pairs), on held-out
/// queries: <c>random</c>; and per encoder, <c>similarity</c> (query–case cosine), the Q-network with hashed and with
/// encoder features (<see cref="RetrieverTrainer"/> on the training side, last epoch — the held-out rows choose
/// nothing), and <c>kernel</c> (<see cref="KernelOfflineFit"/>). A weak, confounded signal: the label is the outcome of
/// the run on the query, shared by all its cases, not a verdict on any one case.
/// </summary>
public static class OfflineEvaluation
{
    public static IReadOnlyList<OfflineEvalRow> Run(OfflineEvalOptions options)
    {
        var training = options.Training with { SelectBestEpoch = false };
        if (options.Encoders.Count == 0) throw new MementoException("offline evaluation: give at least one encoder");
        var log = training.Progress ?? (_ => { });
        var (split, _) = RetrieverTrainer.LoadSplit(training);
        var heldOut = split.Validation;
        var labels = heldOut.Select(p => p.Label).ToArray();
        var rows = new List<OfflineEvalRow>();
        void Add(string scorer, string encoder, IReadOnlyList<double> scores)
        {
            if (scores.Count != heldOut.Count) throw new InvalidOperationException($"{scorer}: {scores.Count} scores for {heldOut.Count} held-out rows");
            rows.Add(Score(scorer, encoder, scores, heldOut, labels, training.Seed, split.ValidationQueries, options.K));
            log($"{scorer} ({encoder}): held-out AUC {rows[^1].HeldOutAuc:F4}, pooled top-{options.K} precision {rows[^1].PooledTopKPrecision:F4}");
        }

        var random = new Random(training.Seed);
        Add("random", "-", heldOut.Select(_ => random.NextDouble()).ToArray());
        foreach (var (kind, given) in options.Encoders)
        {
            var encoder = given ?? RetrieverTrainer.TrainSideEncoder(split, training.CosineDimension);
            (encoder as CachingTextEncoder)?.Warm(split.Train.Concat(heldOut).SelectMany(p => new[] { p.Query, p.Case }));
            Add("similarity", kind, RetrieverTrainer.Cosine(encoder, heldOut).Select(s => (double)s).ToArray());
            foreach (var network in options.Networks)
            {
                log($"training qnet ({network.Features} features, {kind})");
                var result = RetrieverTrainer.Run(training with
                {
                    OutDir = Path.Combine(training.OutDir, $"qnet-{network.Features}-{kind}"),
                    Network = network,
                    Encoder = encoder,
                    EncoderKind = kind,
                });
                Add($"qnet ({network.Features} features)", kind, result.ValScores);
            }
            log($"fitting kernel ({kind})");
            Add("kernel", kind, KernelOfflineFit.FitAndScore(options.Kernel, training.Seed, encoder, split.Train, heldOut));
        }
        return rows;
    }

    private static OfflineEvalRow Score(string scorer, string encoder, IReadOnlyList<double> scores, IReadOnlyList<TrainingPair> heldOut,
        bool[] labels, int seed, int queries, int k)
    {
        var byQuery = Enumerable.Range(0, heldOut.Count).GroupBy(i => heldOut[i].Query).ToList();
        var perQuery = byQuery.Average(q => Metrics.PrecisionAtK(q.Select(i => scores[i]).ToList(), q.Select(i => labels[i]).ToList(), k));
        var picks = byQuery.Sum(q => Math.Min(k, q.Count()));
        return new OfflineEvalRow
        {
            Scorer = scorer, Encoder = encoder, Seed = seed, Queries = queries, Rows = heldOut.Count, K = k,
            HeldOutAuc = Metrics.RocAuc(scores, labels), PerQueryTopKPrecision = perQuery, PooledTopKPrecision = Metrics.PrecisionAtK(scores, labels, picks),
        };
    }
}
