namespace Memento.Learning;

/// <summary>
/// Train/validation split of retriever pairs by query. Never by row: <c>truth_label</c> is whether the run on the
/// query succeeded, so all (about eight) rows of a query share one label. A row split puts rows of the same query on
/// both sides, and the network can score a held-out row by recognising its query — a leak that inflates held-out
/// AUC without telling anything about unseen tasks, which is what a retriever faces.
/// </summary>
internal sealed record QuerySplit(IReadOnlyList<TrainingPair> Train, IReadOnlyList<TrainingPair> Validation, int TrainQueries, int ValidationQueries)
{
    /// <summary>Shuffles the distinct queries (file order, then a seeded Fisher–Yates) and holds out
    /// round(ratio · queries) of them, at least one on each side.</summary>
    public static QuerySplit ByQuery(IReadOnlyList<TrainingPair> pairs, double validationRatio, int seed)
    {
        var queries = pairs.Select(p => p.Query).Distinct().ToArray();
        if (queries.Length < 2) throw new Memento.Core.MementoException("pairs file: at least two distinct queries are needed to hold some out");
        var rng = new Random(seed);
        for (var i = queries.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (queries[i], queries[j]) = (queries[j], queries[i]);
        }
        var held = Math.Clamp((int)Math.Round(validationRatio * queries.Length), 1, queries.Length - 1);
        var validation = queries.Take(held).ToHashSet();
        return new QuerySplit(
            pairs.Where(p => !validation.Contains(p.Query)).ToList(),
            pairs.Where(p => validation.Contains(p.Query)).ToList(),
            queries.Length - held,
            held);
    }
}
