using Memento.Core.Memory;
using Memento.Core.Text;

namespace Memento.Learning;

/// <summary>The read both learned policies share: clamp K to the bank, encode the task for the cosine first stage,
/// let the policy pick case ids, all under the policy's lock (reads and updates of parallel episodes interleave).</summary>
public abstract class ShortlistReadPolicy(ITextEncoder encoder) : IReadPolicy
{
    protected ShortlistIndex Shortlist { get; } = new(encoder);

    /// <summary>Held by every read and update, so a read never sees half an update.</summary>
    protected object Gate { get; } = new();

    public IReadOnlyList<Case> Read(ReadRequest request)
    {
        var k = Math.Min(request.K, request.Bank.Count);
        if (k <= 0) return [];
        lock (Gate)
        {
            float[] query;
            using (PolicyProfile.Time(PolicyPart.Encoding)) query = Shortlist.Encode(request.Task.Question);
            return Pick(request, query, k).Select(id => request.Bank[id]).ToArray();
        }
    }

    public abstract void Update(EpisodeFeedback feedback);

    /// <summary>The ids of the <paramref name="k"/> cases to read, called under <see cref="Gate"/>.</summary>
    protected abstract int[] Pick(ReadRequest request, float[] query, int k);

    /// <summary>The cosine first stage: the top max(<paramref name="size"/>, K) bank cases.</summary>
    protected int[] Candidates(ReadRequest request, float[] query, int size, int k) => Shortlist.Top(request.Bank, query, Math.Max(size, k));
}
