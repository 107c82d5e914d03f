namespace Memento.Learning;

/// <summary>Inputs of <c>memento train-retriever</c>.</summary>
/// <param name="PairsPath">Memento's <c>training_data.jsonl</c>.</param>
/// <param name="OutDir">Receives <c>metrics.json</c> and the best <c>qnet.pt</c>.</param>
/// <param name="Network">The <c>memory.qnet</c> settings: architecture, learning rates, batch size, pos weight, and
/// <c>init</c> to continue from a checkpoint.</param>
/// <param name="ValRatio">Share of queries (not rows) held out, in (0, 1).</param>
/// <param name="Seed">Seeds the split, the weights and the batch order.</param>
/// <param name="Epochs">Passes over the training rows.</param>
/// <param name="MaxQueries">Use only the first N distinct queries of the file (a quick slice); null for all.</param>
/// <param name="Progress">Receives one human-readable line per stage and per epoch.</param>
/// <param name="CosineDimension">Hashed TF-IDF dimension of the cosine baseline when no encoder is given.</param>
/// <param name="Encoder">The encoder of the cosine baseline, the similarity input and (with <c>features: encoder</c>)
/// the network's frozen vectors; null: hashed TF-IDF fitted on the training side.</param>
/// <param name="SelectBestEpoch">Keep the epoch with the best held-out AUC (pretraining); off: the last epoch, so the
/// held-out rows choose nothing (offline evaluation).</param>
/// <param name="EncoderKind">The <c>memory.encoder.kind</c> of <paramref name="Encoder"/>, for metrics.json.</param>
public sealed record RetrieverTrainingOptions(
    string PairsPath,
    string OutDir,
    QNetConfig Network,
    double ValRatio = 0.2,
    int Seed = 42,
    int Epochs = 5,
    int? MaxQueries = null,
    Action<string>? Progress = null,
    int CosineDimension = 1 << 14,
    Memento.Core.Text.ITextEncoder? Encoder = null,
    string? EncoderKind = null,
    bool SelectBestEpoch = true);
