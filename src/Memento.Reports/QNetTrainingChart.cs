using Memento.Core.Results;
using ScottPlot;

namespace Memento.Reports;

/// <summary>Training diagnostics of a learned policy: loss on the left axis and the learner's rolling AUC on a
/// right axis, because the two live on unrelated scales.</summary>
internal static class QNetTrainingChart
{
    private static readonly Color LossColor = Color.FromHex("#1f77b4");
    private static readonly Color AucColor = Color.FromHex("#d62728");

    public static void Write(string path, RunInfo info, IReadOnlyList<TrainingHistoryRow> rows) =>
        Charts.Save(Create($"{info.Name}: {info.PolicyLabel} training", rows), path);

    public static Plot Create(string title, IReadOnlyList<TrainingHistoryRow> rows)
    {
        var plot = Charts.NewPlot(title, "Episode", "Training loss");

        var withLoss = rows.Where(r => r.Loss is not null).ToList();
        var xs = withLoss.Select(r => (double)r.Episode).ToArray();
        var ys = withLoss.Select(r => r.Loss!.Value).ToArray();
        // Per-episode loss on a few minibatches is noisy; a trailing mean shows the trend without hiding the raw data.
        var window = Math.Max(1, withLoss.Count / 50);
        var raw = plot.Add.Scatter(xs, ys);
        raw.LegendText = "loss per episode";
        raw.Color = window > 1 ? LossColor.WithOpacity(0.3) : LossColor;
        raw.MarkerSize = withLoss.Count > 50 ? 0 : 4;

        if (window > 1)
        {
            var smooth = plot.Add.Scatter(xs, Charts.TrailingMean(ys, window));
            smooth.LegendText = $"loss, mean of last {window}";
            smooth.Color = LossColor;
            smooth.LineWidth = 2;
            smooth.MarkerSize = 0;
        }

        var withAuc = rows.Where(r => r.Auc is not null).ToList();
        if (withAuc.Count > 0)
        {
            var auc = plot.Add.Scatter(withAuc.Select(r => (double)r.Episode).ToArray(),
                withAuc.Select(r => r.Auc!.Value).ToArray());
            auc.LegendText = "rolling AUC (right axis)";
            auc.Color = AucColor;
            auc.LineWidth = 2;
            auc.MarkerSize = withAuc.Count > 50 ? 0 : 4;
            auc.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "Rolling AUC";
            // AUC is bounded; a fixed 0..1 range keeps 0.5 (chance) at the same height in every run's figure.
            plot.Axes.SetLimitsY(0, 1, plot.Axes.Right);
        }

        Charts.IntegerTicks(plot.Axes.Bottom, rows.Select(r => r.Episode).Distinct().ToList());
        return plot;
    }
}
