namespace Memento.Core.Scoring;

/// <summary>DeepResearcher's EM and F1 (docs/design.md §5): F1 over token <em>sets</em> of the normalised strings,
/// the maximum over gold alternatives; EM when any alternative is equal after normalisation.</summary>
internal static class DeepResearcherScorer
{
    public static bool ExactMatch(string answer, IEnumerable<string> golds)
    {
        var normalized = AnswerNormalizer.Normalize(answer);
        return golds.Any(g => AnswerNormalizer.Normalize(g) == normalized);
    }

    public static double F1(string answer, IEnumerable<string> golds) =>
        golds.Select(g => SetF1(answer, g)).DefaultIfEmpty(0).Max();

    private static double SetF1(string answer, string gold)
    {
        var predicted = Tokens(answer);
        var truth = Tokens(gold);
        var common = predicted.Count(truth.Contains);
        if (common == 0) return 0;
        var precision = (double)common / predicted.Count;
        var recall = (double)common / truth.Count;
        return 2 * precision * recall / (precision + recall);
    }

    private static HashSet<string> Tokens(string text) =>
        AnswerNormalizer.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
}
