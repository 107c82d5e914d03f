using Memento.Core.Results;
using ScottPlot;

namespace Memento.Reports;

/// <summary>The learning curve of one run: pooled accuracy per iteration, with thinner dashed lines per source
/// when the run mixes sources.</summary>
internal static class RunCurveChart
{
    public static void Write(string path, RunInfo info, IReadOnlyList<SummaryRow> rows, IReadOnlyList<SummaryRow> all, IReadOnlyList<string> policyOrder)
    {
        var plot = Charts.NewPlot($"{info.Name}: learning curve ({info.PolicyAndK})",
            "Iteration", "Accuracy (%)");

        var palette = new SeriesPalette(RunReport.PerSourceColumns(rows).Prepend(info.PolicyLabel), policyOrder);
        foreach (var source in RunReport.PerSourceColumns(rows))
        {
            var points = rows.Where(r => r.Source == source).OrderBy(r => r.Iteration).ToList();
            var line = plot.Add.Scatter(points.Select(r => (double)r.Iteration).ToArray(),
                points.Select(r => r.AccuracyPct).ToArray());
            line.LegendText = source;
            line.Color = palette.ColorOf(source);
            line.LineWidth = 1.5f;
            line.LinePattern = LinePattern.Dashed;
            line.MarkerSize = 5;
        }

        var pooled = plot.Add.Scatter(all.Select(r => (double)r.Iteration).ToArray(), all.Select(r => r.AccuracyPct).ToArray());
        pooled.LegendText = $"all sources (pooled), {info.PolicyLabel}";
        pooled.Color = palette.ColorOf(info.PolicyLabel);
        pooled.LineWidth = 2.5f;
        pooled.MarkerSize = 8;

        Charts.IntegerTicks(plot.Axes.Bottom, all.Select(r => r.Iteration).ToList());
        Charts.Save(plot, path);
    }
}
