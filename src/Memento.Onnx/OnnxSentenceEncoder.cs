using System.Numerics.Tensors;
using Memento.Core.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace Memento.Onnx;

/// <summary>
/// <c>memory.encoder.kind: onnx</c> — a sentence-transformer run locally with ONNX Runtime: BERT WordPiece tokens
/// (Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>), the model's token vectors pooled as its config says (mean over
/// real tokens, or [CLS]) and L2-normalised. Texts are encoded in batches (one padded tensor per batch, texts sorted by
/// length so little is padding) with the session's operators spread over every core. A text longer than
/// <c>maxTokens</c> word pieces is cut, as sentence-transformers does at the model's maximum sequence length.
/// </summary>
public sealed class OnnxSentenceEncoder : ITextEncoder, IDisposable
{
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly Pooling _pooling;
    private readonly int _batchSize;
    private readonly int _maxTokens;
    private readonly bool _takesTokenTypes;
    private readonly string _output;
    private readonly Lock _lock = new();

    public OnnxSentenceEncoder(SentenceModel model, int batchSize = 32, int maxTokens = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 3);
        Model = model;
        _pooling = model.Pooling;
        _batchSize = batchSize;
        _maxTokens = maxTokens;
        using var options = new SessionOptions
        {
            IntraOpNumThreads = Environment.ProcessorCount,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            _session = new InferenceSession(model.Onnx, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new Memento.Core.MementoException($"{model.Name}: not a loadable ONNX model ({e.Message})");
        }
        _takesTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        _output = _session.OutputMetadata.Keys.First();
        var shape = _session.OutputMetadata[_output].Dimensions;
        if (shape.Length != 3 || shape[2] <= 0)
            throw new Memento.Core.MementoException($"{model.Name}: the first output '{_output}' must be token vectors [batch, tokens, dim], got [{string.Join(", ", shape)}]");
        Dimension = shape[2];
        using var vocabulary = new MemoryStream(model.Vocabulary);
        _tokenizer = BertTokenizer.Create(vocabulary, new BertOptions
        {
            LowerCaseBeforeTokenization = model.LowerCase,
            RemoveNonSpacingMarks = model.LowerCase, // BERT strips accents exactly when it lower-cases
        });
    }

    public SentenceModel Model { get; }

    public int Dimension { get; }

    public void Encode(string text, Span<float> destination) => EncodeBatch([text], destination);

    public void EncodeBatch(IReadOnlyList<string> texts, Span<float> destination)
    {
        var ids = texts.Select(Tokens).ToArray();
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => ids[i].Length).ThenBy(i => i).ToArray();
        foreach (var batch in order.Chunk(_batchSize))
        {
            var vectors = Run(batch.Select(i => ids[i]).ToArray());
            for (var b = 0; b < batch.Length; b++)
                vectors.AsSpan(b * Dimension, Dimension).CopyTo(destination.Slice(batch[b] * Dimension, Dimension));
        }
    }

    /// <summary>[CLS] word pieces [SEP], at most maxTokens in all.</summary>
    private long[] Tokens(string text)
    {
        var pieces = _tokenizer.EncodeToIds(text, _maxTokens - 2, addSpecialTokens: false, out _, out _);
        var ids = new long[pieces.Count + 2];
        ids[0] = _tokenizer.ClassificationTokenId;
        for (var i = 0; i < pieces.Count; i++) ids[i + 1] = pieces[i];
        ids[^1] = _tokenizer.SeparatorTokenId;
        return ids;
    }

    /// <summary>Pooled, normalised vectors of one batch, row-major [batch, dim].</summary>
    private float[] Run(long[][] batch)
    {
        var length = batch.Max(t => t.Length);
        var inputIds = new DenseTensor<long>([batch.Length, length]);
        var mask = new DenseTensor<long>([batch.Length, length]);
        for (var b = 0; b < batch.Length; b++)
        for (var t = 0; t < batch[b].Length; t++)
        {
            inputIds[b, t] = batch[b][t];
            mask[b, t] = 1;
        }
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", inputIds),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
        };
        if (_takesTokenTypes) inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>([batch.Length, length])));
        float[] tokens;
        lock (_lock) // one run at a time: the session already uses every core
        {
            using var results = _session.Run(inputs, [_output]);
            tokens = results[0].AsTensor<float>().ToArray();
        }
        var pooled = new float[batch.Length * Dimension];
        for (var b = 0; b < batch.Length; b++)
        {
            var row = pooled.AsSpan(b * Dimension, Dimension);
            var count = _pooling == Pooling.Cls ? 1 : batch[b].Length;
            for (var t = 0; t < count; t++)
                TensorPrimitives.Add(row, tokens.AsSpan((b * length + t) * Dimension, Dimension), row);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0) TensorPrimitives.Divide(row, norm, row);
        }
        return pooled;
    }

    public void Dispose() => _session.Dispose();
}
