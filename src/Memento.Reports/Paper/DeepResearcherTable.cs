namespace Memento.Reports;

/// <summary>The paper's Table 1 layout: one row per configuration, F1 and PM per source in the paper's order, then
/// the average twice — the plain mean over sources and the mean weighted by source size (pooled episodes).</summary>
internal static class DeepResearcherTable
{
    public static PaperTable Build(ResultFolder folder)
    {
        var sources = EpisodeMetrics.OrderedSources(folder.Points.SelectMany(p => p.Episodes.Select(e => e.Source)));
        var headers = new List<string> { "Configuration", "Seeds" };
        headers.AddRange(MeasureHeaders(sources));

        var rows = new List<IReadOnlyList<TableCell>>();
        foreach (var (series, points) in PaperTables.BySeries(folder))
            rows.Add([TableCell.Label(series), TableCell.Label(points.Count.ToString()), .. Measures(points, sources)]);

        var iteration = folder.Iterations.Count == 0 ? 0 : folder.Iterations[^1];
        var note = $"F1 and PM in % at the final iteration ({iteration}), mean over seeds; {PaperTables.CiNote}. " +
                   "Avg is given twice: the plain mean of the per-source figures (each source counts once) and the mean " +
                   "weighted by source size (every episode counts once). PM is \"–\" (empty in CSV) when the run had no PM (LLM) judge.";
        // The paper's Table 1 caption only when the sources are the DeepResearcher benchmark's (not, e.g., synthetic skills).
        var paperSources = sources.Count > 0 && sources.All(s => EpisodeMetrics.PaperSources.Any(p => p.Tag == s));
        var title = paperSources ? "DeepResearcher F1 / PM by source (paper Table 1 layout)"
            : EpisodeMetrics.PaperOrder(sources) is { } order && order != EpisodeMetrics.DeepResearcherTags ? $"{order.Benchmark} F1 / PM by {order.Group}" : "F1 / PM by source";
        return new PaperTable("deepresearcher", $"{folder.Name}: {title}", note, headers, rows,
            "Counts: (n=episodes) for F1, (judged correct/judged) for PM, summed over seeds.");
    }

    /// <summary>The headers of <see cref="Measures"/>: F1 and PM per source, then the two averages of each.</summary>
    internal static IEnumerable<string> MeasureHeaders(IReadOnlyList<string> sources) =>
        sources.SelectMany(s => new[] { $"{EpisodeMetrics.DisplayName(s)} F1", $"{EpisodeMetrics.DisplayName(s)} PM" })
            .Concat(["Avg F1 (plain mean of sources)", "Avg PM (plain mean of sources)", "Avg F1 (weighted by source size)", "Avg PM (weighted by source size)"]);

    /// <summary>One configuration's cells (its points are its seeds): F1 and PM per source, the plain mean of the
    /// sources and the mean weighted by source size.</summary>
    internal static IEnumerable<TableCell> Measures(IReadOnlyList<ResultPoint> points, IReadOnlyList<string> sources)
    {
        foreach (var s in sources)
        {
            yield return SeedCell.Of(points.Select(p => EpisodeMetrics.F1(PaperTables.Of(p.Final, s))).ToList());
            yield return SeedCell.Of(points.Select(p => EpisodeMetrics.Pm(PaperTables.Of(p.Final, s))).ToList());
        }
        yield return SeedCell.Of(points.Select(p => EpisodeMetrics.PlainMean(
            sources.Select(s => EpisodeMetrics.F1(PaperTables.Of(p.Final, s))).ToList())).ToList());
        yield return SeedCell.Of(points.Select(p => EpisodeMetrics.PlainMean(
            sources.Select(s => EpisodeMetrics.Pm(PaperTables.Of(p.Final, s))).ToList())).ToList());
        yield return SeedCell.Of(points.Select(p => EpisodeMetrics.F1(p.Final.ToList())).ToList());
        yield return SeedCell.Of(points.Select(p => EpisodeMetrics.Pm(p.Final.ToList())).ToList());
    }
}
