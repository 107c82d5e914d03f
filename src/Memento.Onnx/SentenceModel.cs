using Memento.Core;

namespace Memento.Onnx;

/// <summary>A sentence-embedding model: the ONNX graph (BERT-style inputs <c>input_ids</c>, <c>attention_mask</c>,
/// optionally <c>token_type_ids</c>; first output the token vectors [batch, tokens, dim]), its WordPiece vocabulary and
/// its pooling.</summary>
/// <param name="Name">What the model is, for cache keys and messages (a path or the packaged model's name).</param>
public sealed record SentenceModel(string Name, byte[] Onnx, byte[] Vocabulary, Pooling Pooling, bool LowerCase = true)
{
    /// <summary>A model by path. Pooling: <paramref name="pooling"/> when given, else the model's
    /// <c>1_Pooling/config.json</c>, else mean (the sentence-transformers default).</summary>
    public static SentenceModel FromFiles(string modelPath, string vocabPath, Pooling? pooling = null, bool lowerCase = true)
    {
        if (!File.Exists(modelPath)) throw MementoException.MissingFile(modelPath, "ONNX model (memory.encoder.model)");
        if (!File.Exists(vocabPath)) throw MementoException.MissingFile(vocabPath, "WordPiece vocabulary (memory.encoder.vocab)");
        return new SentenceModel(Path.GetFullPath(modelPath), File.ReadAllBytes(modelPath), File.ReadAllBytes(vocabPath),
            pooling ?? PoolingConfig.Find(modelPath) ?? Pooling.Mean, lowerCase);
    }
}
