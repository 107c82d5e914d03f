using Memento.Core.Text;
using NUnit.Framework;

namespace Memento.Tests.Core;

public class CachingTextEncoderTests
{
    private sealed class CountingEncoder : ITextEncoder
    {
        public List<string> Seen { get; } = new();
        public int Batches { get; private set; }
        public int Dimension => 4;

        public void Encode(string text, Span<float> destination)
        {
            Seen.Add(text);
            destination.Clear();
            destination[text.Length % 4] = 1;
        }

        public void EncodeBatch(IReadOnlyList<string> texts, Span<float> destination)
        {
            Batches++;
            for (var i = 0; i < texts.Count; i++) Encode(texts[i], destination.Slice(i * 4, 4));
        }
    }

    private sealed class MemoryStore : IVectorStore
    {
        public Dictionary<string, float[]> Vectors { get; } = new();
        public float[]? Get(string text) => Vectors.GetValueOrDefault(text);
        public void Put(string text, float[] vector) => Vectors[text] = vector;
    }

    [Test]
    public void Each_distinct_text_is_encoded_once_and_known_texts_in_batches()
    {
        var inner = new CountingEncoder();
        var encoder = new CachingTextEncoder(inner, batchSize: 2);
        var progress = new List<(int, int)>();
        encoder.Warm(["a", "bb", "a", "ccc", "bb"], (done, total) => progress.Add((done, total)));
        Assert.That(inner.Seen, Is.EqualTo(new[] { "a", "bb", "ccc" }));
        Assert.That(inner.Batches, Is.EqualTo(2));
        Assert.That(progress, Is.EqualTo(new[] { (2, 3), (3, 3) }));
        var v = new float[4];
        encoder.Encode("bb", v);
        encoder.Encode("dddd", v);
        encoder.Encode("dddd", v);
        Assert.That(inner.Seen, Is.EqualTo(new[] { "a", "bb", "ccc", "dddd" }));
        Assert.That(encoder.Encoded, Is.EqualTo(4));
    }

    [Test]
    public void A_store_serves_vectors_across_runs()
    {
        var store = new MemoryStore();
        var first = new CountingEncoder();
        new CachingTextEncoder(first, store).Warm(["x", "yy"]);
        var second = new CountingEncoder();
        var again = new CachingTextEncoder(second, store);
        again.Warm(["x", "yy", "zzz"]);
        Assert.That(second.Seen, Is.EqualTo(new[] { "zzz" }), "only the text the store lacked");
        Assert.That(store.Vectors.Keys, Is.EquivalentTo(new[] { "x", "yy", "zzz" }));
    }
}
