using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Memento.Reports;

/// <summary>The paper figures. Every line carries its 95% CI over seeds as a shaded band (none for one seed); bars
/// carry it as error bars.</summary>
internal static class FigureCharts
{
    /// <summary>Wider than the run reports' figures: the legend sits right of the data and the labels are long.</summary>
    public const int Width = 1000;
    public const int Height = 560;

    /// <summary>Fig. 1c: one curve per memory design across iterations, from a continual-learning table.</summary>
    public static IReadOnlyList<string> Curves(string stem, PaperTable table, SeriesPalette palette, string title, string yLabel)
    {
        var plot = Charts.NewPlot(title, "Iteration (pass over the task list)", yLabel);
        var iterations = table.Headers.Skip(2).Select(h => int.Parse(h["Iter. ".Length..], CultureInfo.InvariantCulture)).ToList();
        foreach (var row in table.Rows)
        {
            var series = row[0].Text!;
            Line(plot, iterations.Select(i => (double)i).ToArray(), row.Skip(2).ToList(), palette.ColorOf(series), series, LinePattern.Solid);
        }
        Charts.IntegerTicks(plot.Axes.Bottom, iterations);
        return Charts.SavePngAndSvg(plot, stem, Width, Height);
    }

    /// <summary>F1 (and PM, dashed) against K on a log2 axis; K = 0 sits one step left of K = 1.</summary>
    public static IReadOnlyList<string> KSweep(string stem, ResultFolder folder)
    {
        var groups = KSweepTable.Groups(folder);
        var palette = new SeriesPalette(folder.Points.Select(p => p.SeriesWithoutK), folder.PolicyOrder);
        var plot = Charts.NewPlot($"F1{(folder.HasPm ? " and PM" : "")} against K, last iteration ({folder.Name})",
            "K = cases retrieved per read (log2 axis; 0 = no memory)", $"F1{(folder.HasPm ? " / PM" : "")} (%), mean of sources");
        var allKs = new SortedSet<int>();
        var tables = KSweepTable.Build(folder).ToList();
        foreach (var table in tables)
        {
            var metric = table.Id.StartsWith("k_sweep_pm", StringComparison.Ordinal) ? "PM" : "F1";
            var group = groups.First(g => table.Title.Contains($"({g.Group};", StringComparison.Ordinal)).Group;
            var ks = table.Headers.Skip(1).Select(h => int.Parse(h[2..], CultureInfo.InvariantCulture)).ToList();
            allKs.UnionWith(ks);
            var avg = table.Rows.First(r => r[0].Text!.StartsWith("Avg (plain", StringComparison.Ordinal));
            Line(plot, ks.Select(Log2Position).ToArray(), avg.Skip(1).ToList(), palette.ColorOf(group),
                $"{group}, {metric}", metric == "PM" ? LinePattern.Dashed : LinePattern.Solid);
        }
        var ticks = new NumericManual();
        foreach (var k in allKs) ticks.AddMajor(Log2Position(k), k.ToString(CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
        return Charts.SavePngAndSvg(plot, stem, Width, Height);
    }

    private static double Log2Position(int k) => k <= 0 ? -1 : Math.Log2(k);

    /// <summary>Fig. 1d: per OOD source, a bar without memory beside a bar per memory series.</summary>
    public static IReadOnlyList<string> Ood(string stem, PaperTable table, SeriesPalette palette, string name)
    {
        var metric = table.Headers[1].Split(' ')[0];
        var series = new List<(string Series, int Column)> { (Inside(table.Headers[1]), 1) };
        for (var j = 2; j < table.Headers.Count; j += 2) series.Add((Inside(table.Headers[j]), j));
        var groups = table.Rows.Select(r => (Label: ShortAvg(r[0].Text!), Cells: r)).ToList();
        var plot = Charts.NewPlot($"Out-of-distribution sources, with and without memory ({name})",
            "Held-out source (none of its questions is in the case bank)", $"{metric} (%), last iteration");
        GroupedBars(plot, groups.Select(g => g.Label).ToList(),
            series.Select((s, i) => (i == 0 ? $"{s.Series} (no memory)" : $"{s.Series} (frozen bank)", palette.ColorOf(s.Series), 1.0,
                groups.Select(g => g.Cells[s.Column]).ToList())).ToList());
        return Charts.SavePngAndSvg(plot, stem, Width, Height);
    }

    /// <summary>GAIA Pass@1 (solid) and Pass@n (light) per level, one colour per configuration.</summary>
    public static IReadOnlyList<string> Gaia(string stem, PaperTable table, SeriesPalette palette, string name)
    {
        string[] levels = ["L1", "L2", "L3", "Avg"];
        var passN = table.Headers.Count > 6 ? table.Headers[6].Split(' ')[1] : null;
        var bars = new List<(string, Color, double, List<TableCell>)>();
        foreach (var row in table.Rows)
        {
            var s = row[0].Text!;
            bars.Add(($"{s}, Pass@1", palette.ColorOf(s), 1.0, row.Skip(2).Take(4).ToList()));
            if (passN is not null) bars.Add(($"{s}, {passN}", palette.ColorOf(s), 0.45, row.Skip(6).Take(4).ToList()));
        }
        var plot = Charts.NewPlot($"GAIA by level ({name})", "GAIA level (Avg: all tasks)", "Tasks solved (%), last iteration");
        GroupedBars(plot, levels, bars);
        return Charts.SavePngAndSvg(plot, stem, Width, Height);
    }

    /// <summary>Figs. 5 and 6 of an LLM run, one pair per configuration: tool calls per task by tool, and input / output
    /// tokens per task, each grouped by GAIA level (else by source), from <see cref="TrajectoryTables"/>.</summary>
    public static IReadOnlyList<string> Trajectories(string stem, ResultFolder folder)
    {
        var groups = TrajectoryTables.Groups(folder);
        var tools = TrajectoryTables.Tools(groups);
        var toolColors = new SeriesPalette(tools, []);
        var series = groups.Select(g => g.Series).Distinct().ToList();
        var by = folder.HasLevels ? "GAIA level (All: every task)" : "Source (All: every task)";
        var files = new List<string>();
        foreach (var s in series)
        {
            var mine = groups.Where(g => g.Series == s).ToList();
            var names = mine.Select(g => g.Name).ToList();
            var suffix = series.Count == 1 ? "" : "_" + KSweepTable.FileSafe(s);
            var calls = Charts.NewPlot($"Tool calls per task by tool ({folder.Name}: {s})", by, "Calls per task (mean)");
            GroupedBars(calls, names, tools.Select(t => (t, toolColors.ColorOf(t), 1.0,
                mine.Select(g => new TableCell(g.CallsPerTask.GetValueOrDefault(t))).ToList())).ToList());
            files.AddRange(Charts.SavePngAndSvg(calls, $"{stem}_tool_calls{suffix}", Width, Height));
            var tokens = Charts.NewPlot($"Tokens per task ({folder.Name}: {s})", by, "Agent tokens per task (mean)");
            var colors = new SeriesPalette(["input", "output"], []);
            GroupedBars(tokens, names,
            [
                ("input tokens", colors.ColorOf("input"), 1.0, mine.Select(g => new TableCell(g.InputTokens)).ToList()),
                ("output tokens", colors.ColorOf("output"), 1.0, mine.Select(g => new TableCell(g.OutputTokens)).ToList()),
            ]);
            files.AddRange(Charts.SavePngAndSvg(tokens, $"{stem}_tokens{suffix}", Width, Height));
        }
        return files;
    }

    /// <summary>Accuracy over a trailing window of episodes, in the order they ran (mean over seeds, CI band); dotted
    /// lines mark where each iteration starts.</summary>
    public static IReadOnlyList<string> Rolling(string stem, ResultFolder folder, SeriesPalette palette)
    {
        var longest = folder.Points.Max(p => p.Scored.Count);
        var window = Math.Clamp(longest / 25, 5, 500);
        var plot = Charts.NewPlot($"Rolling accuracy over the last {window} episodes ({folder.Name})",
            "Episode (in run order; dotted lines: a new iteration starts)", $"Accuracy of the last {window} episodes (%)");
        foreach (var (series, points) in PaperTables.BySeries(folder))
        {
            var curves = points.Select(p => Charts.TrailingMean(p.Scored.OrderBy(e => e.Episode).Select(e => (double)(e.Reward ?? 0)).ToArray(), window)).ToList();
            var length = curves.Min(c => c.Length);
            if (length == 0) continue;
            var step = Math.Max(1, length / 400);
            var start = Math.Min(window, length) - 1;
            var idx = Enumerable.Range(start, length - start).Where(i => (i - start) % step == 0 || i == length - 1).ToList();
            var cells = idx.Select(i =>
            {
                var values = curves.Select(c => 100 * c[i]).ToList();
                return new TableCell(values.Average(), SeedStats.Ci95(values));
            }).ToList();
            Line(plot, idx.Select(i => i + 1.0).ToArray(), cells, palette.ColorOf(series), series, LinePattern.Solid, markers: false);
        }
        // Positions count scored episodes (unscored ones are in no accuracy), so an iteration starts at its first scored one.
        var first = folder.Points[0].Scored.OrderBy(e => e.Episode).Select((e, i) => (e.Iteration, Position: i + 1));
        foreach (var start in first.GroupBy(e => e.Iteration).Skip(1).Select(g => g.Min(e => e.Position)))
        {
            var v = plot.Add.VerticalLine(start);
            v.Color = Colors.Gray.WithOpacity(0.6);
            v.LinePattern = LinePattern.Dotted;
            v.LineWidth = 1;
        }
        return Charts.SavePngAndSvg(plot, stem, Width, Height);
    }

    private static void Line(Plot plot, double[] xs, IReadOnlyList<TableCell> cells, Color color, string label,
        LinePattern pattern, bool markers = true)
    {
        var keep = Enumerable.Range(0, xs.Length).Where(i => cells[i].Mean is not null).ToList();
        if (keep.Count == 0) return;
        var x = keep.Select(i => xs[i]).ToArray();
        var y = keep.Select(i => cells[i].Mean!.Value).ToArray();
        if (keep.Any(i => cells[i].Ci is > 0))
        {
            var band = plot.Add.FillY(x, keep.Select(i => cells[i].Mean!.Value - (cells[i].Ci ?? 0)).ToArray(),
                keep.Select(i => cells[i].Mean!.Value + (cells[i].Ci ?? 0)).ToArray());
            band.FillStyle.Color = color.WithOpacity(0.18);
            band.LineStyle.Width = 0;
            // One legend entry explains every band; the lines themselves are means over seeds.
            if (!plot.GetPlottables().OfType<ScottPlot.Plottables.FillY>().Any(b => b.LegendText.Length > 0))
                band.LegendText = "shaded: 95% CI over seeds";
        }
        var line = plot.Add.Scatter(x, y);
        line.LegendText = label;
        line.Color = color;
        line.LineWidth = 2;
        line.LinePattern = pattern;
        line.MarkerSize = markers ? 6 : 0;
    }

    /// <summary>Bars grouped by category; each series one colour (opacity tells Pass@1 from Pass@n apart), with CI
    /// error bars and a legend entry per series.</summary>
    private static void GroupedBars(Plot plot, IReadOnlyList<string> groups,
        IReadOnlyList<(string Label, Color Color, double Opacity, List<TableCell> Cells)> series)
    {
        var width = 0.8 / series.Count;
        // Solid bars carry white value labels, light (Pass@n) bars dark ones: each kind is its own plottable.
        var solid = new List<Bar>();
        var light = new List<Bar>();
        for (var s = 0; s < series.Count; s++)
        {
            var (label, color, opacity, cells) = series[s];
            var fill = color.WithOpacity(opacity);
            for (var g = 0; g < groups.Count; g++)
            {
                if (cells[g].Mean is not { } mean) continue;
                (opacity < 1 ? light : solid).Add(new Bar
                {
                    Position = g + (s - (series.Count - 1) / 2.0) * width,
                    Value = mean,
                    Error = cells[g].Ci ?? 0,
                    Size = width * 0.9,
                    FillColor = fill,
                    LineColor = color,
                    Label = Fmt.Pct(mean),
                    CenterLabel = true,
                });
            }
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = fill, OutlineColor = color });
        }
        // Values sit inside the bars, clear of the error bars above them; smaller when many bars share a group.
        var fontSize = series.Count >= 4 ? 9 : 11;
        foreach (var (bars, text) in new[] { (solid, Colors.White), (light, Colors.Black) })
        {
            if (bars.Count == 0) continue;
            var plottable = plot.Add.Bars(bars);
            plottable.ValueLabelStyle.FontSize = fontSize;
            plottable.ValueLabelStyle.Bold = true;
            plottable.ValueLabelStyle.ForeColor = text;
        }
        var ticks = new NumericManual();
        for (var g = 0; g < groups.Count; g++) ticks.AddMajor(g, groups[g]);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
    }

    private static string Inside(string header)
    {
        var open = header.IndexOf('(');
        var close = header.LastIndexOf(')');
        return open >= 0 && close > open ? header[(open + 1)..close] : header;
    }

    private static string ShortAvg(string label) => label switch
    {
        "Avg (plain mean of sources)" => "Avg (plain)",
        "Avg (weighted by source size)" => "Avg (weighted)",
        _ => label,
    };
}
