using Memento.Core.Config;
using Memento.Core.Results;
using Memento.Reports;

namespace Memento.Cli.Running;

/// <summary>Runs every point of a config's grid (cross product) into its own subfolder, then the combined report.</summary>
public static class SweepRunner
{
    public static async Task RunAsync(LoadedConfig sweep, string sweepDir, IProgressDisplay progress, CancellationToken cancellationToken)
    {
        File.WriteAllText(Path.Combine(sweepDir, "config.yaml"), YamlTree.Serialize(sweep.Tree));
        var points = ConfigLoader.Expand(sweep);
        var rows = new List<SweepPoint>();
        foreach (var point in points)
        {
            var loaded = ConfigLoader.ForPoint(sweep, point);
            await ExperimentRunner.RunAsync(loaded, Path.Combine(sweepDir, point.FolderName), progress, cancellationToken);
            rows.Add(new SweepPoint { Folder = point.FolderName, Series = point.SeriesLabel, Seed = loaded.Config.Seed.ToString() });
        }
        CsvFiles.Write(Path.Combine(sweepDir, "points.csv"), rows);
        SweepReport.Write(sweepDir);
    }
}
