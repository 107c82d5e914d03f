using System.Text.Json;
using System.Text.Json.Serialization;

namespace Memento.Learning;

/// <summary>The <c>metrics.json</c> of <c>train-retriever</c>: headline numbers, split sizes, the settings that
/// produced them, and the per-epoch curve. Undefined numbers (AUC with one class held out) are written as "NaN".</summary>
internal static class RetrieverMetricsFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(string path, RetrieverTrainingOptions options, RetrieverTrainingResult result, double trainPositiveRate, double valPositiveRate)
    {
        var network = options.Network;
        var document = new
        {
            val_auc = result.ValAuc,
            val_auc_cosine = result.ValAucCosine,
            val_accuracy = result.ValAccuracy,
            val_f1 = result.ValF1,
            best_epoch = result.BestEpoch,
            epoch_selection = options.SelectBestEpoch ? "best held-out AUC" : "last",
            split = "query",
            val_ratio = options.ValRatio,
            seed = options.Seed,
            pairs = Path.GetFullPath(options.PairsPath),
            max_queries = options.MaxQueries,
            train_queries = result.TrainQueries,
            val_queries = result.ValQueries,
            train_rows = result.TrainRows,
            val_rows = result.ValRows,
            duplicates_dropped = result.DuplicatesDropped,
            train_positive_rate = trainPositiveRate,
            val_positive_rate = valPositiveRate,
            cosine = options.Encoder is { } encoder
                ? new { encoder = options.EncoderKind ?? encoder.GetType().Name, dimension = encoder.Dimension, text = "query vs case question" }
                : new { encoder = "hashed-tfidf", dimension = options.CosineDimension, text = "query vs case question" },
            network = new
            {
                buckets = network.Buckets,
                embedding_dim = network.EmbeddingDim,
                features = network.Features,
                adapter_dim = network.AdapterDim,
                hidden = network.Hidden,
                lr = network.LearningRate,
                embedding_lr = network.EmbeddingLearningRate,
                batch_size = network.BatchSize,
                positive_weight = network.PositiveWeight,
                init = network.Init,
            },
            checkpoint = Path.GetFileName(result.CheckpointPath),
            epochs = result.Epochs,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, Options) + "\n");
    }
}
