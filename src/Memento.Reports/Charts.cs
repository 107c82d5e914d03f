using ScottPlot;
using ScottPlot.TickGenerators;

namespace Memento.Reports;

/// <summary>Settings every report figure shares, so the PNGs of runs and sweeps look alike side by side.</summary>
internal static class Charts
{
    public const int Width = 800;
    public const int Height = 500;

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Iterations are whole numbers: one tick per iteration while they fit, otherwise automatic ticks
    /// restricted to integers, so the axis never shows "2.5".</summary>
    public static void IntegerTicks(IXAxis axis, IReadOnlyCollection<int> values)
    {
        if (values.Count is > 0 and <= 20)
        {
            var ticks = new NumericManual();
            foreach (var v in values.Order()) ticks.AddMajor(v, v.ToString(System.Globalization.CultureInfo.InvariantCulture));
            axis.TickGenerator = ticks;
        }
        else
        {
            axis.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        }
    }

    public static void Save(Plot plot, string path)
    {
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, Width, Height);
    }
}
