using Memento.Core.Memory;
using Memento.Core.Text;

namespace Memento.Learning;

/// <summary>
/// The cheap first stage of the learned reads: cosine similarity between the task and each bank case's question,
/// over a contiguous <see cref="VectorIndex"/> that catches up with the append-only bank lazily. Its top-N order is
/// also the similarity read used before a learner is ready.
/// </summary>
public sealed class ShortlistIndex(ITextEncoder encoder)
{
    private readonly VectorIndex _index = new(encoder.Dimension);

    public ITextEncoder Encoder => encoder;

    public float[] Encode(string text)
    {
        var vector = new float[encoder.Dimension];
        encoder.Encode(text, vector);
        return vector;
    }

    /// <summary>Cosine similarity of an encoded query and a case already indexed by <see cref="Top"/>.</summary>
    public float Similarity(ReadOnlySpan<float> query, int caseId) => VectorIndex.Dot(query, _index.Row(caseId));

    /// <summary>Cosine similarity of an encoded query and a text (encoded on the spot).</summary>
    public float Similarity(ReadOnlySpan<float> query, string text) => VectorIndex.Dot(query, Encode(text));

    /// <summary>Ids of the <paramref name="n"/> bank cases most similar to the query vector, best first.</summary>
    public int[] Top(CaseBank bank, ReadOnlySpan<float> query, int n)
    {
        if (bank.Count < _index.Count)
            throw new InvalidOperationException("the case bank shrank: a policy instance serves one append-only bank");
        for (var id = _index.Count; id < bank.Count; id++) encoder.Encode(bank[id].Question, _index.AppendRow());
        return _index.TopK(query, n);
    }
}
