using ScottPlot;

namespace Memento.Reports;

/// <summary>Training diagnostics of a learned policy: loss on the left axis and the learner's rolling AUC on a
/// right axis, because the two live on unrelated scales.</summary>
internal static class QNetTrainingChart
{
    public static void Write(string path, RunInfo info, IReadOnlyList<QNetTrainingRow> rows)
    {
        var plot = Charts.NewPlot($"{info.Name}: {info.Policy} training", "Episode", "Training loss (BCE)");

        var withLoss = rows.Where(r => r.Loss is not null).ToList();
        var loss = plot.Add.Scatter(withLoss.Select(r => (double)r.Episode).ToArray(),
            withLoss.Select(r => r.Loss!.Value).ToArray());
        loss.LegendText = "training loss (left axis)";
        loss.Color = Color.FromHex("#1f77b4");
        loss.MarkerSize = withLoss.Count > 50 ? 0 : 4;

        var withAuc = rows.Where(r => r.Auc is not null).ToList();
        if (withAuc.Count > 0)
        {
            var auc = plot.Add.Scatter(withAuc.Select(r => (double)r.Episode).ToArray(),
                withAuc.Select(r => r.Auc!.Value).ToArray());
            auc.LegendText = "rolling AUC (right axis)";
            auc.Color = Color.FromHex("#d62728");
            auc.MarkerSize = withAuc.Count > 50 ? 0 : 4;
            auc.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "Rolling AUC";
            // AUC is bounded; a fixed 0..1 range keeps 0.5 (chance) at the same height in every run's figure.
            plot.Axes.SetLimitsY(0, 1, plot.Axes.Right);
        }

        Charts.Save(plot, path);
    }
}
