using Memento.Core.Results;

namespace Memento.Reports;

/// <summary>The paper's Table 3 layout turned to rows = sources, columns = K: F1 (and PM, when judged) at the final
/// iteration for every number of retrieved cases. One table per series that K varies within (e.g. per policy).</summary>
internal static class KSweepTable
{
    public static IEnumerable<PaperTable> Build(ResultFolder folder)
    {
        var groups = Groups(folder);
        foreach (var (group, points) in groups)
        {
            var suffix = groups.Count == 1 ? "" : "_" + FileSafe(group);
            yield return Table(folder, group, points, "F1", EpisodeMetrics.F1, "k_sweep" + suffix);
            if (folder.HasPm) yield return Table(folder, group, points, "PM", EpisodeMetrics.Pm, "k_sweep_pm" + suffix);
        }
    }

    /// <summary>Points grouped by their series without K, in palette order of the groups.</summary>
    internal static IReadOnlyList<(string Group, IReadOnlyList<ResultPoint> Points)> Groups(ResultFolder folder)
    {
        var palette = new SeriesPalette(folder.Points.Select(p => p.SeriesWithoutK), folder.PolicyOrder);
        return palette.Order.Select(g => (g, (IReadOnlyList<ResultPoint>)folder.Points.Where(p => p.SeriesWithoutK == g).ToList()))
            .Where(g => g.Item2.Select(p => p.K).Distinct().Count() > 1).ToList();
    }

    private static PaperTable Table(ResultFolder folder, string group, IReadOnlyList<ResultPoint> points, string metric,
        Func<IReadOnlyCollection<EpisodeRecord>, SeedCell.Measure?> measure, string id)
    {
        var ks = points.Select(p => p.K).Where(k => k is not null).Select(k => k!.Value).Distinct().Order().ToList();
        var sources = EpisodeMetrics.OrderedSources(points.SelectMany(p => p.Episodes.Select(e => e.Source)));
        var rows = new List<IReadOnlyList<TableCell>>();
        foreach (var s in sources)
            rows.Add([TableCell.Label(EpisodeMetrics.DisplayName(s)),
                .. ks.Select(k => SeedCell.Of(points.Where(p => p.K == k).Select(p => measure(PaperTables.Of(p.Final, s))).ToList()))]);
        rows.Add([TableCell.Label("Avg (plain mean of sources)"),
            .. ks.Select(k => SeedCell.Of(points.Where(p => p.K == k)
                .Select(p => EpisodeMetrics.PlainMean(sources.Select(s => measure(PaperTables.Of(p.Final, s))).ToList())).ToList()))]);
        rows.Add([TableCell.Label("Avg (weighted by source size)"),
            .. ks.Select(k => SeedCell.Of(points.Where(p => p.K == k).Select(p => measure(p.Final.ToList())).ToList()))]);
        BoldBestPerRow(rows);
        var seeds = points.GroupBy(p => p.K).Max(g => g.Count());
        return new PaperTable(id, $"{folder.Name}: {metric} % by number of retrieved cases K ({group}; paper Table 3)",
            $"{metric} % at the final iteration, mean over {seeds} {(seeds == 1 ? "seed" : "seeds")}; {PaperTables.CiNote}. " +
            "K = 0 reads no case. Bold: best K per row.",
            ["Source", .. ks.Select(k => $"K={k}")], rows, PaperTables.CountsNote);
    }

    private static void BoldBestPerRow(List<IReadOnlyList<TableCell>> rows)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var best = rows[i].Skip(1).Select(c => c.Mean ?? double.NegativeInfinity).Max();
            if (double.IsNegativeInfinity(best)) continue;
            rows[i] = rows[i].Select((c, j) => j > 0 && c.Mean == best ? c with { Bold = true } : c).ToList();
        }
    }

    internal static string FileSafe(string label) =>
        new string(label.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray()).Trim('_');
}
