using System.Numerics.Tensors;
using Memento.Core;
using Memento.Core.Text;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>
/// <c>memory.encoder.kind: openai</c> — vectors from an OpenAI-compatible <c>/v1/embeddings</c> endpoint (OpenAI,
/// vLLM, Ollama, TEI) through <see cref="EmbeddingPipeline"/>, <c>batch_size</c> texts per request, L2-normalised here
/// (not every server normalises). The dimension is <c>dimensions</c> when set (sent to the server), otherwise learned
/// from the first vector returned.
/// </summary>
public sealed class OpenAiTextEncoder(IEmbeddingGenerator<string, Embedding<float>> generator, string model, int batchSize, int? dimensions = null) : ITextEncoder
{
    private int? _dimension = dimensions;

    public int Dimension => _dimension ??= Generate(["dimension probe"])[0].Length;

    public void Encode(string text, Span<float> destination) => EncodeBatch([text], destination);

    public void EncodeBatch(IReadOnlyList<string> texts, Span<float> destination)
    {
        var at = 0;
        foreach (var chunk in texts.Chunk(batchSize))
            foreach (var vector in Generate(chunk))
            {
                var row = destination.Slice(at++ * Dimension, Dimension);
                if (vector.Length != row.Length)
                    throw new MementoException($"embeddings model '{model}' returned {vector.Length} dimensions, expected {row.Length} (memory.encoder.dimensions)");
                vector.CopyTo(row);
                var norm = TensorPrimitives.Norm(row);
                if (norm > 0) TensorPrimitives.Divide(row, norm, row);
            }
    }

    private float[][] Generate(IReadOnlyList<string> texts)
    {
        var result = generator.GenerateAsync(texts).GetAwaiter().GetResult();
        if (result.Count != texts.Count) throw new MementoException($"embeddings model '{model}': {result.Count} vectors for {texts.Count} texts");
        var vectors = result.Select(e => e.Vector.ToArray()).ToArray();
        _dimension ??= vectors[0].Length;
        return vectors;
    }
}
