namespace Memento.Core.Text;

/// <summary>
/// Encodes each distinct text once per run: questions come back every iteration, and a bank case's question is a task
/// question already encoded for its read. Vectors are also looked up in, and written to, an optional
/// <see cref="IVectorStore"/> (the cache file), so a slow encoder's rerun recomputes nothing. <see cref="Warm"/> encodes
/// a known set of texts (the split's questions) up front in large batches, which is where a neural encoder is fast.
/// </summary>
public sealed class CachingTextEncoder(ITextEncoder inner, IVectorStore? store = null, int batchSize = 256) : ITextEncoder
{
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Dimension => inner.Dimension;

    /// <summary>Texts actually passed to the inner encoder (neither in memory nor in the store).</summary>
    public int Encoded { get; private set; }

    public void Encode(string text, Span<float> destination) => Vector(text).CopyTo(destination);

    public void EncodeBatch(IReadOnlyList<string> texts, Span<float> destination)
    {
        Warm(texts);
        for (var i = 0; i < texts.Count; i++) Vector(texts[i]).CopyTo(destination.Slice(i * Dimension, Dimension));
    }

    /// <summary>Makes every text's vector available, encoding the missing ones in batches; <paramref name="progress"/>
    /// gets (done, total) over the texts that had to be encoded.</summary>
    public void Warm(IEnumerable<string> texts, Action<int, int>? progress = null)
    {
        lock (_lock)
        {
            var missing = new List<string>();
            foreach (var text in texts.Distinct(StringComparer.Ordinal))
            {
                if (_vectors.ContainsKey(text)) continue;
                if (store?.Get(text) is { } stored) _vectors[text] = stored;
                else missing.Add(text);
            }
            var done = 0;
            foreach (var chunk in missing.Chunk(batchSize))
            {
                var rows = new float[chunk.Length * Dimension];
                inner.EncodeBatch(chunk, rows);
                for (var i = 0; i < chunk.Length; i++) Keep(chunk[i], rows.AsSpan(i * Dimension, Dimension).ToArray());
                done += chunk.Length;
                progress?.Invoke(done, missing.Count);
            }
        }
    }

    private float[] Vector(string text)
    {
        lock (_lock)
        {
            if (_vectors.TryGetValue(text, out var known)) return known;
            if (store?.Get(text) is { } stored) return _vectors[text] = stored;
            var vector = new float[Dimension];
            inner.Encode(text, vector);
            Keep(text, vector);
            return vector;
        }
    }

    private void Keep(string text, float[] vector)
    {
        _vectors[text] = vector;
        store?.Put(text, vector);
        Encoded++;
    }
}
