using Memento.Core.Text;

namespace Memento.Core.Memory.Policies;

/// <summary>Non-parametric Read: top-K cases by cosine similarity of encoded task texts (the case's question).</summary>
public sealed class SimilarityPolicy(ITextEncoder encoder) : IReadPolicy
{
    private readonly VectorIndex _index = new(encoder.Dimension);
    private readonly object _gate = new();

    public IReadOnlyList<Case> Read(ReadRequest request)
    {
        var query = new float[encoder.Dimension];
        encoder.Encode(request.Task.Question, query);
        lock (_gate)
        {
            CatchUp(request.Bank);
            return _index.TopK(query, request.K).Select(id => request.Bank[id]).ToArray();
        }
    }

    public void Update(EpisodeFeedback feedback) { }

    /// <summary>Encodes the cases written since the last read (the bank is append-only).</summary>
    private void CatchUp(CaseBank bank)
    {
        for (var id = _index.Count; id < bank.Count; id++) encoder.Encode(bank[id].Question, _index.AppendRow());
    }
}
