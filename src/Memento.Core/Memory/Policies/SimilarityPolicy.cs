using Memento.Core.Plugins;
using Memento.Core.Text;

namespace Memento.Core.Memory.Policies;

/// <summary>Non-parametric Read: top-K cases by cosine similarity of encoded task texts (the case's question).</summary>
public sealed class SimilarityPolicy(ITextEncoder encoder) : IReadPolicy
{
    public static readonly Plugin<IReadPolicy> Plugin =
        new("similarity", "top-K cases by cosine similarity of encoded questions", context => new SimilarityPolicy(context.Encoder()));


    private readonly ShortlistIndex _index = new(encoder);
    private readonly object _gate = new();

    public IReadOnlyList<Case> Read(ReadRequest request)
    {
        var query = _index.Encode(request.Task.Question);
        lock (_gate) return _index.Top(request.Bank, query, request.K).Select(id => request.Bank[id]).ToArray();
    }

    public void Update(EpisodeFeedback feedback) { }
}
