using Memento.Core.Results;
using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace Memento.Reports;

/// <summary>Settings every report figure shares, so the PNGs of runs and sweeps look alike side by side.</summary>
internal static class Charts
{
    public const int Width = 800;
    public const int Height = 500;

    /// <summary>ScottPlot 5.1.59 detects "DejaVu Serif" as its sans font on Debian (fonts-dejavu-core), so name the
    /// sans face ourselves when it is installed, otherwise keep ScottPlot's choice rather than fail. It has to be the
    /// process-wide default, set before a plot exists: <c>plot.Font.Set</c> also rewrites that default, and it
    /// drops the bold weight of the title and axis labels.</summary>
    static Charts()
    {
        if (SKFontManager.Default.FontFamilies.Contains("DejaVu Sans")) Fonts.Default = "DejaVu Sans";
    }

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
            foreach (var v in values.Order()) ticks.AddMajor(v, v.ToString(CultureInfo.InvariantCulture));
            axis.TickGenerator = ticks;
        }
        else
        {
            axis.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        }
    }

    /// <summary>The legend goes outside the data area: curves of any shape stay fully visible.</summary>
    public static void Save(Plot plot, string path)
    {
        plot.ShowLegend(Edge.Right);
        AtomicFile.Write(path, temp => plot.SavePng(temp, Width, Height));
    }

    /// <summary>Writes <c>stem.png</c> and <c>stem.svg</c> (legend outside the data, like <see cref="Save"/>) and returns both paths.</summary>
    public static IReadOnlyList<string> SavePngAndSvg(Plot plot, string stem, int width = Width, int height = Height)
    {
        plot.ShowLegend(Edge.Right);
        var png = stem + ".png";
        var svg = stem + ".svg";
        AtomicFile.Write(png, temp => plot.SavePng(temp, width, height));
        AtomicFile.Write(svg, temp => plot.SaveSvg(temp, width, height));
        return [png, svg];
    }

    /// <summary>The mean of each point and up to <paramref name="window"/> − 1 points before it (a trailing window,
    /// so a curve never looks ahead).</summary>
    public static double[] TrailingMean(double[] ys, int window)
    {
        var result = new double[ys.Length];
        var sum = 0.0;
        for (var i = 0; i < ys.Length; i++)
        {
            sum += ys[i];
            if (i >= window) sum -= ys[i - window];
            result[i] = sum / Math.Min(i + 1, window);
        }
        return result;
    }
}
