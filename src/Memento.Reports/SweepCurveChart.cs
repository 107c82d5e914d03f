using Memento.Core.Results;
using ScottPlot;

namespace Memento.Reports;

/// <summary>Learning curves of a sweep: one line per series (mean over seeds) with a shaded 95% CI band.</summary>
internal static class SweepCurveChart
{
    public static void Write(string path, string sweepName, IReadOnlyList<SweepSummaryRow> summary, SeriesPalette palette)
    {
        var plot = Charts.NewPlot($"Sweep {sweepName}: accuracy by iteration (mean over seeds, 95% CI)",
            "Iteration", "Accuracy (%)");
        var all = summary.Where(r => r.Source == SummaryRow.AllSources).ToList();

        foreach (var series in palette.Order)
        {
            var points = all.Where(r => r.Series == series).OrderBy(r => r.Iteration).ToList();
            if (points.Count == 0) continue;
            var xs = points.Select(r => (double)r.Iteration).ToArray();
            var color = palette.ColorOf(series);

            // Drawn before the line so the line stays on top; a single seed has no spread to show.
            if (points.Any(r => r.Seeds > 1))
            {
                var band = plot.Add.FillY(xs,
                    points.Select(r => r.AccuracyPct - r.AccuracyCi95).ToArray(),
                    points.Select(r => r.AccuracyPct + r.AccuracyCi95).ToArray());
                band.FillStyle.Color = color.WithOpacity(0.2);
                band.LineStyle.Width = 0;
            }

            var line = plot.Add.Scatter(xs, points.Select(r => r.AccuracyPct).ToArray());
            line.LegendText = series;
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }

        Charts.IntegerTicks(plot.Axes.Bottom, all.Select(r => r.Iteration).Distinct().ToList());
        Charts.Save(plot, path);
    }
}
