using Microsoft.ML.Tokenizers;

namespace Memento.Core.Text;

/// <summary>
/// Text → hashed sparse features: lower-cased cl100k (tiktoken) token ids, as unigrams and adjacent bigrams,
/// hashed into a fixed number of buckets. Shared by the TF-IDF encoder and the learned retrievers, so both see
/// the same tokens. Deterministic across processes (no string.GetHashCode).
/// </summary>
public static class TokenHasher
{
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForModel("gpt-4"));

    public static IReadOnlyList<int> TokenIds(string text) => Cl100k.Value.EncodeToIds(text.ToLowerInvariant());

    /// <summary>Bucket ids of the text's unigrams and bigrams, in order, repeats kept (so counts are term frequencies).</summary>
    public static int[] Features(string text, int buckets)
    {
        var ids = TokenIds(text);
        var features = new int[ids.Count * 2 - (ids.Count > 0 ? 1 : 0)];
        var n = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            features[n++] = Bucket(Mix((ulong)ids[i]), buckets);
            if (i > 0) features[n++] = Bucket(Mix(((ulong)ids[i - 1] << 32) ^ (ulong)ids[i] ^ 0x9E3779B97F4A7C15UL), buckets);
        }
        return features;
    }

    private static int Bucket(ulong hash, int buckets) => (int)(hash % (ulong)buckets);

    // SplitMix64 finaliser: a fast, well-mixed, stable hash of one 64-bit key.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
