using Memento.Core;
using Memento.Core.Memory;
using Memento.Core.Tasks;
using Memento.Core.Text;

namespace Memento.Learning;

/// <summary>
/// Kernel episodic control fitted on logged (s, c, r) pairs instead of its own reads: the online policy
/// (<see cref="KernelEpisodicPolicy"/>) is fed each training query once, in file order, as an episode that retrieved
/// that query's logged cases and got the query's outcome — the same update (γ = 0: a logged query has no next state)
/// and the same store D it uses in a run. Held-out rows are then scored with its Q_EC under the fitted projection.
/// </summary>
internal static class KernelOfflineFit
{
    /// <returns>Q_EC of each held-out row, in the given order.</returns>
    public static double[] FitAndScore(KernelConfig config, int seed, ITextEncoder encoder,
        IReadOnlyList<TrainingPair> train, IReadOnlyList<TrainingPair> heldOut)
    {
        if (config.Gamma != 0) throw new MementoException($"memory.kernel.gamma {config.Gamma}: fitting on logged pairs needs gamma 0 (a logged query has no next state)");
        var ids = new Dictionary<(string Question, string Plan, int Reward), int>();
        Case CaseOf(TrainingPair pair)
        {
            var key = (pair.Case, pair.Plan, pair.CaseReward);
            if (!ids.TryGetValue(key, out var id)) ids[key] = id = ids.Count;
            return new Case(id, pair.Case, pair.Plan, pair.CaseReward);
        }

        using var policy = new KernelEpisodicPolicy(config, seed, encoder);
        foreach (var (index, query) in train.GroupBy(p => p.Query).Index())
            policy.Update(new EpisodeFeedback(Task(query.Key, index), query.Select(CaseOf).ToList(), query.First().Label ? 1 : 0));

        var scores = new double[heldOut.Count];
        foreach (var query in Enumerable.Range(0, heldOut.Count).GroupBy(i => heldOut[i].Query))
        {
            var rows = query.ToArray();
            var estimates = policy.Estimate(query.Key, rows.Select(i => CaseOf(heldOut[i])).ToList());
            for (var j = 0; j < rows.Length; j++) scores[rows[j]] = estimates[j];
        }
        return scores;
    }

    private static QaTask Task(string question, int index) => new($"logged-{index}", question, [], "logged");
}
