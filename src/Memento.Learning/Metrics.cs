namespace Memento.Learning;

/// <summary>Binary-classification metrics for held-out evaluation of the learned retrievers.</summary>
internal static class Metrics
{
    /// <summary>Area under the ROC curve via the Mann–Whitney U statistic: the probability that a random positive
    /// scores above a random negative, ties counting one half (average ranks). NaN when either class is absent,
    /// because the AUC is undefined there and a made-up 0.5 would read as "chance" in a table.</summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        if (scores.Count != labels.Count) throw new ArgumentException("scores and labels differ in length");
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            var averageRank = (start + end) / 2.0 + 1; // ranks are 1-based
            for (var j = start; j <= end; j++)
                if (labels[order[j]]) { positiveRankSum += averageRank; positives++; }
            start = end + 1;
        }
        long negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Share of rows whose thresholded score matches the label.</summary>
    public static double Accuracy(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold = 0.5)
    {
        if (scores.Count == 0) return double.NaN;
        var correct = 0;
        for (var i = 0; i < scores.Count; i++) if (scores[i] >= threshold == labels[i]) correct++;
        return (double)correct / scores.Count;
    }

    /// <summary>F1 of the positive class at the threshold; 0 when nothing is predicted or labelled positive.</summary>
    public static double F1(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold = 0.5)
    {
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var predicted = scores[i] >= threshold;
            if (predicted && labels[i]) tp++;
            else if (predicted) fp++;
            else if (labels[i]) fn++;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /// <summary>Share of positives among the <paramref name="k"/> highest scores (all rows when fewer). Rows tied at
    /// the cut-off count in expectation over a random tie-break, so the figure never depends on row order: a constant
    /// score gives the positive rate.</summary>
    public static double PrecisionAtK(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, int k)
    {
        if (scores.Count != labels.Count) throw new ArgumentException("scores and labels differ in length");
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (scores.Count == 0) return double.NaN;
        var picks = Math.Min(k, scores.Count);
        var groups = Enumerable.Range(0, scores.Count).GroupBy(i => scores[i]).OrderByDescending(g => g.Key);
        double positives = 0;
        var left = picks;
        foreach (var group in groups)
        {
            if (left == 0) break;
            var size = group.Count();
            var taken = Math.Min(left, size);
            positives += group.Count(i => labels[i]) * (double)taken / size;
            left -= taken;
        }
        return positives / picks;
    }
}
