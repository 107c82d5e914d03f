using Memento.Core.Results;
using Memento.Core.Scoring;

namespace Memento.Reports;

/// <summary>
/// Humanity's Last Exam's official metrics (<see cref="HleMetrics"/>) per configuration, by category and over all
/// questions: accuracy with its Wald 95 % half-width, and the official RMS calibration error (β = 100, last bin not
/// counted), plus the all-bins variant over all questions. Built for runs judged by <c>judge.kind: hle</c>; the
/// confidences come from <c>trajectories.jsonl</c> (the judge's reading of each response). A configuration's seeds
/// are pooled: the official metrics are per set of predictions.
/// </summary>
internal static class HleTable
{
    public static bool Applies(ResultFolder folder) => folder.Points.Any(p => p.Facts.JudgeKind == "hle");

    /// <summary>The judged predictions of a run's final iteration, with their categories.</summary>
    internal static IReadOnlyList<(string Category, HleJudged Judged)> Judged(ResultPoint point)
    {
        var confidence = TrajectoryLog.Read(point.Run.Trajectories)
            .Where(t => t.Judgement.Confidence is not null).ToDictionary(t => t.Episode, t => t.Judgement.Confidence!.Value);
        return point.Final.Where(e => e.IsScored && e.Pm is not null && confidence.ContainsKey(e.Episode))
            .Select(e => (e.Source, new HleJudged(e.Pm!.Value, confidence[e.Episode]))).ToList();
    }

    public static PaperTable Build(ResultFolder folder)
    {
        var judged = PaperTables.BySeries(folder).Select(s => (s.Series, Judged: s.Points.SelectMany(Judged).ToList())).ToList();
        var categories = EpisodeMetrics.OrderedSources(judged.SelectMany(s => s.Judged.Select(j => j.Category)));
        var headers = new List<string> { "Configuration" };
        foreach (var c in categories.Append("All")) headers.AddRange([$"{c} accuracy", $"{c} calibration error"]);
        headers.Add("All calibration error (all bins)");
        var rows = new List<IReadOnlyList<TableCell>>();
        var reasons = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (series, all) in judged)
        {
            var row = new List<TableCell> { TableCell.Label(series) };
            HleMetrics? overall = null;
            foreach (var c in categories.Append("All"))
            {
                var m = HleMetrics.Compute(all.Where(j => c == "All" || j.Category == c).Select(j => j.Judged).ToList());
                if (c == "All") overall = m;
                row.Add(m.N == 0 ? TableCell.Missing : new TableCell(m.Accuracy, m.HalfWidth, Fmt.Count(m.Correct, m.N)));
                row.Add(m.CalibrationError is { } e ? new TableCell(e) : TableCell.Missing);
                if (m.NotComputed is not null && m.N > 0) reasons.Add($"{c} (n = {m.N})");
            }
            row.Add(overall?.CalibrationErrorAllBins is { } allBins ? new TableCell(allBins) : TableCell.Missing);
            rows.Add(row);
        }
        var note = "Official HLE metrics (run_judge_results.py) at the final iteration, seeds pooled: accuracy in % with ± the Wald " +
                   "95% half-width 1.96·√(acc·(100−acc)/n), rounded as the official script; calibration error = 100 · RMS " +
                   "calibration error over bins of 100 predictions sorted by confidence, where the official code never counts the " +
                   "last bin (so it is 0 for 100-199 predictions) and fails below 100 (shown \"–\")" +
                   (reasons.Count > 0 ? $": not computed for {string.Join(", ", reasons)}" : "") +
                   ". \"All bins\" counts every bin (not the official figure). Unscored episodes (judge errors) are left out.";
        return new PaperTable("hle", $"{folder.Name}: Humanity's Last Exam accuracy and calibration error by category (official metrics)",
            note, headers, rows, "Counts: (judged correct/judged).");
    }
}
