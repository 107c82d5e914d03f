using Memento.Core.Config;

namespace Memento.Learning;

/// <summary><c>memory.qnet</c>: the hyperparameters of <see cref="QNetPolicy"/>.</summary>
public sealed record QNetConfig(
    int Buckets, int EmbeddingDim, int Hidden, double LearningRate, double EmbeddingLearningRate, int BatchSize,
    int BufferSize, int Warmup, int UpdatesPerEpisode, double Temperature, double Epsilon, bool PositiveWeight,
    int Shortlist, string? Init, string Features = "hashed", int AdapterDim = 0)
{
    public static readonly string[] FeatureKinds = ["hashed", "encoder"];

    /// <summary>Encoder features start from the similarity ranking and drift away from it when trained as fast as the
    /// hashed tables: on 50 questions per source (seeds 1–2) lr 3e-4 with a 16-case shortlist ended 6.5 points below
    /// lr 1e-4 with 8 (docs/guides/read-policies.md, Text encoders), so <c>lr</c> and <c>shortlist</c> default lower for them.</summary>
    public static QNetConfig Bind(ConfigNode q)
    {
        var features = q.Choice("features", "hashed", "what the network reads: hashed token bags into sparse tables learned from scratch, or the frozen memory.encoder vectors (the paper's design)", FeatureKinds);
        var encoder = features == "encoder";
        return new(
            q.Int("buckets", 1 << 16, "hashed token buckets of the network's embeddings", 64, 1 << 24),
            q.Int("embedding_dim", 64, "size of the task and case embeddings", 4, 1024),
            q.Int("hidden", 128, "hidden units of the scoring MLP", 4, 4096),
            q.Double("lr", encoder ? 1e-4 : 3e-4, "learning rate of the MLP (Adam); default 1e-4 with features: encoder", 1e-7, 1),
            q.Double("embedding_lr", 0.0005, "learning rate of the embeddings (sparse Adagrad)", 1e-7, 10),
            q.Int("batch_size", 64, "replayed pairs per training step", 1, 65536),
            q.Int("buffer_size", 20000, "replay buffer capacity in (task, case, reward) pairs", 1, 10_000_000),
            q.Int("warmup", 64, "pairs collected before the network ranks reads (similarity until then)", 0),
            q.Int("updates_per_episode", 1, "training steps after each episode", 0, 1000),
            q.Double("temperature", 0, "read temperature: 0 takes the top K by Q, > 0 samples from softmax(Q/temperature)", 0, 100),
            q.Double("epsilon", 0, "probability that each pick is swapped for a random bank case", 0, 1),
            q.Bool("positive_weight", true, "weight positives by negatives/positives in the buffer (BCE pos_weight)"),
            q.Int("shortlist", encoder ? 8 : 16, "cases the cosine first stage passes to the network; default 8 with features: encoder", 1, 100_000),
            q.OptionalString("init", "qnet.pt of an earlier run or train-retriever to start from (buckets, embedding_dim and hidden must match it)"),
            features,
            q.Int("adapter_dim", 0, "features: encoder only: a trainable linear adapter of the frozen vectors to this size (0: none)", 0, 4096));
    }
}
