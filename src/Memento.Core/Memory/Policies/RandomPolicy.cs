using Memento.Core.Plugins;
namespace Memento.Core.Memory.Policies;

/// <summary>K distinct cases drawn uniformly from the bank: the control that shows retrieval quality matters.</summary>
public sealed class RandomPolicy : IReadPolicy
{
    public static readonly Plugin<IReadPolicy> Plugin = new("random", "K cases drawn uniformly from the bank", _ => new RandomPolicy());

    public IReadOnlyList<Case> Read(ReadRequest request)
    {
        var n = request.Bank.Count;
        var k = Math.Min(request.K, n);
        var chosen = new List<Case>(k);
        var seen = new HashSet<int>();
        while (chosen.Count < k)
        {
            var id = request.Rng.Next(n);
            if (seen.Add(id)) chosen.Add(request.Bank[id]);
        }
        return chosen;
    }

    public void Update(EpisodeFeedback feedback) { }
}
