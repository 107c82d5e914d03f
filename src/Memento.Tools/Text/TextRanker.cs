using Memento.Core.Memory;
using Memento.Core.Text;

namespace Memento.Tools.Text;

/// <summary>
/// Orders texts by similarity to a query with one of the project's <see cref="ITextEncoder"/>s (dot product of
/// normalised vectors, exact top-k through <see cref="VectorIndex"/>). The encoder is made for each candidate set, so a
/// TF-IDF encoder fits its IDF on the candidates — the words that tell them apart weigh most.
/// </summary>
internal sealed class TextRanker(Func<IReadOnlyList<string>, ITextEncoder> encoderFor)
{
    /// <summary>TF-IDF over hashed tokens, 1024 dimensions, IDF fitted on the candidates.</summary>
    public static readonly TextRanker TfIdf = new(texts => new HashedTfIdfEncoder(1024, texts));

    /// <summary>Indices of the <paramref name="k"/> texts most similar to <paramref name="query"/>, best first
    /// (ties: earlier text first).</summary>
    public int[] TopK(string query, IReadOnlyList<string> texts, int k)
    {
        if (texts.Count == 0 || k <= 0) return [];
        var encoder = encoderFor(texts);
        var index = new VectorIndex(encoder.Dimension);
        foreach (var text in texts) encoder.Encode(text, index.AppendRow());
        var q = new float[encoder.Dimension];
        encoder.Encode(query, q);
        return index.TopK(q, k);
    }
}
