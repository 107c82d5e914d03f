using Memento.Core.Config;

namespace Memento.Onnx;

/// <summary><c>memory.encoder.onnx</c>: the local sentence model of <c>memory.encoder.kind: onnx</c>.</summary>
public sealed record OnnxEncoderSettings(string? Model, string? Vocab, string Pooling, int BatchSize, int MaxTokens)
{
    public static OnnxEncoderSettings Bind(ConfigNode e) => new(
        e.OptionalString("model", "ONNX sentence-transformer export (none: the packaged all-MiniLM-L6-v2, offline)"),
        e.OptionalString("vocab", "its WordPiece vocab.txt (none: vocab.txt beside the model)"),
        e.Choice("pooling", "auto", "auto: the model's 1_Pooling/config.json, else mean; or mean | cls", "auto", "mean", "cls"),
        e.Int("batch_size", 32, "texts per ONNX Runtime call", 1, 4096),
        e.Int("max_tokens", 256, "word pieces per text, [CLS] and [SEP] included; longer texts are cut", 8, 8192));

    /// <summary>What the vectors depend on: the cache file's key and the process-wide model's.</summary>
    public string Identity => $"onnx|{(Model is null ? PackagedMiniLm.Name : Path.GetFullPath(Model))}|{Vocab}|{Pooling}|{MaxTokens}";

    public SentenceModel Load() => Model is null
        ? PackagedMiniLm.Get()
        : SentenceModel.FromFiles(Model, Vocab ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Model))!, "vocab.txt"),
            Pooling == "auto" ? null : PoolingConfig.Parse(Pooling, "memory.encoder.onnx.pooling"));
}
