using Memento.Core.Text;

namespace Memento.Core.Memory;

/// <summary>
/// Cosine similarity between a task and each bank case's question, over a contiguous <see cref="VectorIndex"/> that
/// catches up with the append-only bank lazily: the whole read of <c>similarity</c>, and the cheap first stage (and
/// warm-up read) of the learned policies.
/// </summary>
public sealed class ShortlistIndex(ITextEncoder encoder)
{
    private readonly VectorIndex _index = new(encoder.Dimension);
    private readonly List<string> _questions = new();

    public ITextEncoder Encoder => encoder;

    public float[] Encode(string text)
    {
        var vector = new float[encoder.Dimension];
        encoder.Encode(text, vector);
        return vector;
    }

    /// <summary>Cosine similarity of an encoded query and a case already indexed by <see cref="Top"/>.</summary>
    public float Similarity(ReadOnlySpan<float> query, int caseId) => VectorIndex.Dot(query, _index.Row(caseId));

    /// <summary>Cosine similarity of an encoded query and a bank case: its indexed row when it has one, else its
    /// question encoded on the spot (a case from outside this index's bank).</summary>
    public float Similarity(ReadOnlySpan<float> query, Case c) =>
        IsIndexed(c) ? Similarity(query, c.Id) : Similarity(query, c.Question);

    /// <summary>The vector of a case's question: a copy of its indexed row, or encoded on the spot.</summary>
    public float[] VectorOf(Case c) => IsIndexed(c) ? _index.Row(c.Id).ToArray() : Encode(c.Question);

    /// <summary>Cosine similarity of an encoded query and a text (encoded on the spot).</summary>
    public float Similarity(ReadOnlySpan<float> query, string text) => VectorIndex.Dot(query, Encode(text));

    private bool IsIndexed(Case c) => c.Id >= 0 && c.Id < _index.Count && _questions[c.Id] == c.Question;

    /// <summary>Ids of the <paramref name="n"/> bank cases most similar to the query vector, best first.</summary>
    public int[] Top(CaseBank bank, ReadOnlySpan<float> query, int n)
    {
        if (bank.Count < _index.Count)
            throw new InvalidOperationException("the case bank shrank: a policy instance serves one append-only bank");
        for (var id = _index.Count; id < bank.Count; id++)
        {
            encoder.Encode(bank[id].Question, _index.AppendRow());
            _questions.Add(bank[id].Question);
        }
        return _index.TopK(query, n);
    }
}
