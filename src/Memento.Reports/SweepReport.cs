using System.Globalization;
using System.Text;
using Memento.Core;
using Memento.Core.Results;

namespace Memento.Reports;

/// <summary>Writes the report of a sweep folder at its root: <c>summary.csv</c> aggregated over seeds,
/// <c>table.md</c> and <c>learning_curve.png</c>.</summary>
public static class SweepReport
{
    public static void Write(string sweepDir, IReadOnlyList<string>? policyOrder = null)
    {
        var folder = new SweepFolder(sweepDir);
        var points = CsvFiles.Read<SweepPoint>(folder.Points);
        if (points.Count == 0) throw new MementoException($"{folder.Points}: no grid points");
        var palette = new SeriesPalette(points.Select(p => p.Series), policyOrder ?? []);
        // A point without a summary did not finish (its training diverged): the report covers the others and says so.
        var unfinished = points.Where(p => !folder.Point(p.Folder).IsFinished).Select(p => p.Folder).ToList();
        if (unfinished.Count == points.Count)
            throw new MementoException($"{sweepDir}: no grid point has finished (no {RunFolder.SummaryFile} in any point folder)");
        var perSeed = points
            .Where(p => !unfinished.Contains(p.Folder))
            .Select(p => (p, (IReadOnlyList<SummaryRow>)CsvFiles.Read<SummaryRow>(folder.Point(p.Folder).Summary)))
            .ToList();
        var summary = SweepAggregator.Aggregate(perSeed, palette.Order);
        // The sweep root holds the grid config; without one the folder name is the best title there is.
        var name = RunInfo.Read(Path.GetFullPath(sweepDir)).Name;

        AtomicFile.Write(folder.Root.Summary, temp => CsvFiles.Write(temp, summary));
        AtomicFile.WriteAllText(folder.Root.Table, Table(name, summary, palette.Order, unfinished) + RunReport.Footer(sweepDir));
        SweepCurveChart.Write(folder.Root.Curve, name, summary, palette);
    }

    private static string Table(string name, IReadOnlyList<SweepSummaryRow> summary, IReadOnlyList<string> seriesOrder, IReadOnlyList<string> unfinished)
    {
        var all = summary.Where(r => r.Source == SummaryRow.AllSources).ToList();
        var iterations = all.Select(r => r.Iteration).Distinct().Order().ToList();
        var final = iterations.Count == 0 ? 0 : iterations[^1];
        // Bold marks every series tied at the best final mean, so a tie is not silently resolved by row order.
        var bestFinal = all.Where(r => r.Iteration == final).Select(r => r.AccuracyPct).DefaultIfEmpty(double.NaN).Max();

        var headers = new List<string> { "Series", "Seeds" };
        headers.AddRange(iterations.Select(i => $"Iter. {i.ToString(CultureInfo.InvariantCulture)}"));
        var body = seriesOrder.Select(series =>
        {
            var cells = new List<string> { series, SeedCount(all.Where(r => r.Series == series)) };
            foreach (var iteration in iterations)
            {
                var r = all.FirstOrDefault(x => x.Series == series && x.Iteration == iteration);
                if (r is null) { cells.Add("–"); continue; }
                var ci = r.Seeds > 1 ? $" ± {Fmt.Pct(r.AccuracyCi95)}" : "";   // one seed has no interval
                var cell = $"{Fmt.Pct(r.AccuracyPct)}{ci} {Fmt.Count(r.Correct, r.N)}";
                cells.Add(iteration == final && r.AccuracyPct == bestFinal ? $"**{cell}**" : cell);
            }
            return (IReadOnlyList<string>)cells;
        });

        var sb = new StringBuilder();
        sb.AppendLine($"# Sweep {name}: accuracy % of all sources by iteration").AppendLine();
        var seeds = SeedCount(all);
        sb.AppendLine($"Each cell is the mean over {seeds} {(seeds == "1" ? "seed" : "seeds")}; ± is the 95% CI (1.96 · sample sd / √seeds, " +
                      "none for one seed); (correct/n) is summed over seeds. Each seed's accuracy is pooled over all " +
                      "episodes of the iteration. Bold: best mean at the final iteration.").AppendLine();
        sb.Append(MarkdownTable.Render(headers, body));
        if (unfinished.Count > 0)
            sb.AppendLine().AppendLine($"Not finished (training diverged; see each folder's episodes): {string.Join(", ", unfinished)}.");
        return sb.ToString();
    }

    /// <summary>"3", or "2–3" when series lost a seed (a crashed run), so the reader sees the means are uneven.</summary>
    private static string SeedCount(IEnumerable<SweepSummaryRow> rows)
    {
        var seeds = rows.Select(r => r.Seeds).DefaultIfEmpty(0).ToList();
        var (min, max) = (seeds.Min(), seeds.Max());
        return min == max ? $"{min}" : $"{min}–{max}";
    }
}
