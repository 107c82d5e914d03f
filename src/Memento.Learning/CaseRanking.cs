namespace Memento.Learning;

/// <summary>
/// Turns scored candidates into the K cases a policy returns. Candidates arrive in first-stage (cosine) order, which
/// is also the tie-break, so a flat score (an untrained network, an empty episodic store) degrades to similarity.
/// </summary>
internal static class CaseRanking
{
    /// <summary>The read rule of the learned policies: greedy top-K by Q (paper Eq. 16), or K draws without
    /// replacement from softmax(Q/α) when the temperature α &gt; 0 (Eq. 7).</summary>
    public static int[] Pick(IReadOnlyList<int> candidates, IReadOnlyList<float> scores, int k, double temperature, Random rng) =>
        temperature > 0 ? SampleSoftmax(candidates, scores, k, temperature, rng) : Greedy(candidates, scores, k);

    /// <summary>Greedy read (paper Eq. 16): the K highest scores; ties go to the earlier candidate.</summary>
    public static int[] Greedy(IReadOnlyList<int> candidates, IReadOnlyList<float> scores, int k)
    {
        Check(candidates, scores);
        return Enumerable.Range(0, candidates.Count)
            .OrderByDescending(i => scores[i]).ThenBy(i => i)
            .Take(k).Select(i => candidates[i]).ToArray();
    }

    /// <summary>Soft read (paper Eq. 7): K draws without replacement from softmax(score / α) over the candidates.
    /// Weights are computed in double after subtracting the maximum, so a tiny α gives weight 1 to the best
    /// remaining candidate and 0 to the rest instead of overflowing — α → 0 is the greedy read.</summary>
    public static int[] SampleSoftmax(IReadOnlyList<int> candidates, IReadOnlyList<float> scores, int k, double temperature, Random rng)
    {
        Check(candidates, scores);
        if (temperature <= 0) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "must be > 0");
        var remaining = Enumerable.Range(0, candidates.Count).ToList();
        var picks = new List<int>(Math.Min(k, candidates.Count));
        var weights = new double[candidates.Count];
        while (picks.Count < k && remaining.Count > 0)
        {
            var max = remaining.Max(i => (double)scores[i]);
            var total = 0.0;
            for (var j = 0; j < remaining.Count; j++)
            {
                weights[j] = Math.Exp((scores[remaining[j]] - max) / temperature);
                total += weights[j];
            }
            var u = rng.NextDouble() * total;
            var chosen = remaining.Count - 1;
            for (var j = 0; j < remaining.Count; j++)
            {
                u -= weights[j];
                if (u < 0) { chosen = j; break; }
            }
            picks.Add(candidates[remaining[chosen]]);
            remaining.RemoveAt(chosen);
        }
        return picks.ToArray();
    }

    /// <summary>ε-exploration: each pick is, with probability ε, replaced by a uniformly drawn bank case not already
    /// picked, so cases the ranking never surfaces still get feedback. Draws nothing from the RNG when ε = 0.</summary>
    public static void Explore(int[] picks, int bankCount, double epsilon, Random rng)
    {
        if (epsilon <= 0 || bankCount <= picks.Length) return;
        var taken = new HashSet<int>(picks);
        for (var i = 0; i < picks.Length; i++)
        {
            if (rng.NextDouble() >= epsilon) continue;
            int id;
            do id = rng.Next(bankCount); while (taken.Contains(id));
            taken.Remove(picks[i]);
            taken.Add(id);
            picks[i] = id;
        }
    }

    private static void Check(IReadOnlyList<int> candidates, IReadOnlyList<float> scores)
    {
        if (candidates.Count != scores.Count) throw new ArgumentException("one score per candidate is required");
    }
}
