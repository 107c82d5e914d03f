using Memento.Core.Results;

namespace Memento.Reports;

/// <summary><c>memento plot</c>: every figure that applies to a results folder, as PNG and SVG, drawn from the same
/// numbers as <see cref="PaperTables"/>. One colour per memory design (<see cref="SeriesPalette"/>) in every figure.</summary>
public static class PaperFigures
{
    /// <summary>Writes the figures and returns the files written.</summary>
    public static IReadOnlyList<string> Write(string dir, string? outDir = null, IReadOnlyList<string>? policyOrder = null) => Write([dir], outDir, policyOrder);

    /// <summary>Several folders give one set of figures comparing them, written into <paramref name="outDir"/>.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<string> dirs, string? outDir, IReadOnlyList<string>? policyOrder = null)
    {
        var folder = ResultFolder.Load(dirs, policyOrder);
        var output = folder.OutputDir(outDir, run => run.Figures);
        Directory.CreateDirectory(output);
        var palette = folder.Palette();
        var files = new List<string>();
        string Stem(string name) => Path.Combine(output, name);

        if (folder.Iterations.Count > 1)
        {
            files.AddRange(FigureCharts.Curves(Stem("continual_learning"), ContinualTable.PerIteration(folder), palette,
                $"Continual learning: accuracy per iteration ({folder.Name})", "Accuracy in the iteration (%)"));
            files.AddRange(FigureCharts.Curves(Stem("continual_cumulative"), ContinualTable.Cumulative(folder), palette,
                $"Cumulative accuracy: tasks solved so far ({folder.Name})", "Tasks solved in any iteration so far (%)"));
        }
        if (folder.Ks.Count > 1) files.AddRange(FigureCharts.KSweep(Stem("k_sweep"), folder));
        if (folder.IsOod) files.AddRange(FigureCharts.Ood(Stem("ood"), OodTable.Build(folder), palette, folder.Name));
        if (folder.HasLevels) files.AddRange(FigureCharts.Gaia(Stem("gaia_levels"), GaiaTable.Build(folder), palette, folder.Name));
        files.AddRange(FigureCharts.Rolling(Stem("rolling_accuracy"), folder, palette));
        if (TrajectoryTables.Applies(folder)) files.AddRange(FigureCharts.Trajectories(Stem("trajectory"), folder));

        foreach (var (series, points) in PaperTables.BySeries(folder))
        {
            var trained = points.FirstOrDefault(p => p.Run.TrainingHistory is not null);
            if (trained is null) continue;
            var rows = CsvFiles.Read<TrainingHistoryRow>(trained.Run.TrainingHistory!.Value.Csv);
            if (rows.Count == 0) continue;
            var plot = QNetTrainingChart.Create($"{series}: training loss and rolling AUC (seed {trained.Seed})", rows);
            files.AddRange(Charts.SavePngAndSvg(plot, Stem("training_" + KSweepTable.FileSafe(series)), FigureCharts.Width, FigureCharts.Height));
        }
        return files;
    }
}
