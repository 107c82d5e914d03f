using Memento.Core.Config;
using Memento.Core.Results;
using Memento.Reports;

namespace Memento.Cli.Running;

/// <summary>Runs every point of a config's grid (cross product) into its own subfolder, then the combined report.</summary>
public static class SweepRunner
{
    /// <param name="resume">Keep finished points, resume partial ones, run the rest.</param>
    public static async Task RunAsync(LoadedConfig sweep, string sweepDir, IProgressDisplay progress, CancellationToken cancellationToken, bool resume = false)
    {
        if (!resume) AtomicFile.WriteAllText(Path.Combine(sweepDir, "config.yaml"), YamlTree.Serialize(sweep.Tree));
        var points = ConfigLoader.Expand(sweep);
        var rows = new List<SweepPoint>();
        foreach (var point in points)
        {
            var loaded = ConfigLoader.ForPoint(sweep, point);
            var pointDir = Path.Combine(sweepDir, point.FolderName);
            if (!(resume && ExperimentRunner.IsFinished(pointDir)))
                await ExperimentRunner.RunAsync(loaded, pointDir, progress, cancellationToken, resume: resume && Directory.Exists(pointDir));
            rows.Add(new SweepPoint { Folder = point.FolderName, Series = point.SeriesLabel, Seed = loaded.Config.Seed.ToString() });
        }
        AtomicFile.Write(Path.Combine(sweepDir, "points.csv"), temp => CsvFiles.Write(temp, rows));
        SweepReport.Write(sweepDir);
    }
}
