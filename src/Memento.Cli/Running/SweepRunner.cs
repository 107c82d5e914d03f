using System.Text.Json;
using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Results;
using Memento.Reports;

namespace Memento.Cli.Running;

/// <summary>Runs every point of a config's grid (cross product) — or a shard's share of them — into its own
/// subfolder, then the combined report. <c>memento aggregate</c> merges shard folders into one sweep folder.</summary>
internal static class SweepRunner
{
    /// <param name="resume">Keep finished points, resume partial ones, run the rest.</param>
    /// <param name="points">The shard's points from <see cref="Prepare"/>.</param>
    public static async Task RunAsync(LoadedConfig sweep, IReadOnlyList<PreparedPoint> points, string sweepDir, RunContext context, bool resume = false)
    {
        var folder = new SweepFolder(sweepDir);
        if (!resume) AtomicFile.WriteAllText(folder.Root.Config, YamlTree.Serialize(sweep.Tree));
        int Episodes() => points.Sum(p => Provenance.Read(folder.Point(p.Point.FolderName).Provenance)?.Episodes ?? 0);
        await RunRecord.TrackAsync(folder.Root.Provenance, context.Invocation, Episodes, async () =>
        {
            await RunPointsAsync(points, folder, context, resume);
            return 0;
        });
    }

    private static async Task RunPointsAsync(IReadOnlyList<PreparedPoint> points, SweepFolder folder, RunContext context, bool resume)
    {
        var rows = new List<SweepPoint>();
        var diverged = new List<(string Folder, TrainingDivergedException Error)>();
        foreach (var (index, (point, loaded, inputs)) in points.Index())
        {
            var run = folder.Point(point.FolderName);
            var label = $"point {index + 1}/{points.Count} · {point.Description}";
            try
            {
                if (!(resume && run.IsFinished))
                    await ExperimentRunner.RunAsync(loaded, inputs, run.Dir, context, resume: resume && Directory.Exists(run.Dir), label);
            }
            catch (TrainingDivergedException e)
            {
                // A setting that diverges (a learning rate too high, say) is a result of the sweep, not a reason to
                // drop the other points: they run, the report covers the finished ones, and the sweep ends with exit 3.
                diverged.Add((point.FolderName, e));
            }
            rows.Add(PointRow(point, loaded.Config));
        }
        AtomicFile.Write(folder.Points, temp => CsvFiles.Write(temp, rows));
        if (diverged.Count < rows.Count) SweepReport.Write(folder.Dir, Plugins.All.Policies.Names);
        if (diverged.Count > 0)
            throw new TrainingDivergedException(
                $"{diverged.Count} of {rows.Count} grid points diverged ({string.Join(", ", diverged.Select(d => d.Folder))}); first: {diverged[0].Error.Problem}",
                diverged.Count < rows.Count ? "the other points finished and the sweep report covers them" : "no point finished");
    }

    /// <summary>The shard's grid points with their configs and inputs, all loaded (and so validated) before the
    /// first point runs or the sweep folder is touched.</summary>
    public static IReadOnlyList<PreparedPoint> Prepare(LoadedConfig sweep, Shard shard)
    {
        var inputsByDataset = new Dictionary<string, ExperimentInputs>();
        return ConfigLoader.Expand(sweep).Where((_, i) => shard.Owns(i)).Select(point =>
        {
            var loaded = ConfigLoader.ForPoint(sweep, point);
            // Points usually share their dataset and seed bank: load each distinct pair once (keyed by value, lists
            // included), but check each point's own agent and judge.
            var key = JsonSerializer.Serialize(new { loaded.Config.Dataset, loaded.Config.Memory.SeedBank });
            if (!inputsByDataset.TryGetValue(key, out var inputs)) inputsByDataset[key] = inputs = ExperimentInputs.LoadData(loaded.Config);
            inputs.CheckAgentAndJudge(loaded.Config);
            return new PreparedPoint(point, loaded, inputs);
        }).ToList();
    }

    /// <summary>Merges shard folders of one sweep into <paramref name="outDir"/>: the point folders are copied and
    /// listed in grid order, so the result equals the folder an unsharded sweep would have written.</summary>
    public static void Aggregate(IReadOnlyList<string> shardDirs, string outDir)
    {
        if (shardDirs.Count == 0) throw new MementoException("aggregate: give at least one shard folder");
        var shards = shardDirs.Select(d => new SweepFolder(d)).ToList();
        var configText = File.ReadAllText(RequireFile(shards[0].Root.Config));
        foreach (var shard in shards.Skip(1))
            if (File.ReadAllText(RequireFile(shard.Root.Config)) != configText)
                throw new MementoException($"aggregate: {shard.Dir} holds another sweep than {shards[0].Dir} ({RunFolder.ConfigFile} differs)");

        var sweep = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse(configText, shards[0].Root.Config));
        var owner = new Dictionary<string, SweepFolder>();
        foreach (var shard in shards)
            foreach (var row in CsvFiles.Read<SweepPoint>(RequireFile(shard.Points)))
                if (!owner.TryAdd(row.Folder, shard))
                    throw new MementoException($"aggregate: grid point {row.Folder} is in both {owner[row.Folder].Dir} and {shard.Dir}");

        var output = new SweepFolder(outDir);
        AtomicFile.WriteAllText(output.Root.Config, configText);
        var rows = new List<SweepPoint>();
        foreach (var point in ConfigLoader.Expand(sweep))
        {
            if (!owner.TryGetValue(point.FolderName, out var from))
                throw new MementoException($"aggregate: grid point {point.FolderName} is in none of the shard folders (a shard has not finished?)");
            CopyDirectory(from.Point(point.FolderName).Dir, output.Point(point.FolderName).Dir);
            rows.Add(PointRow(point, ConfigLoader.ForPoint(sweep, point).Config));
        }
        AtomicFile.Write(output.Points, temp => CsvFiles.Write(temp, rows));
        SweepReport.Write(outDir, Plugins.All.Policies.Names);
    }

    private static SweepPoint PointRow(GridPoint point, ExperimentConfig config) =>
        new() { Folder = point.FolderName, Series = point.SeriesLabel, Seed = config.Seed.ToString() };

    private static string RequireFile(string path) =>
        File.Exists(path) ? path : throw MementoException.MissingFile(path, "sweep file");

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            if (Path.GetFileName(file) != RunFolder.LockFile) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        foreach (var dir in Directory.EnumerateDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}

/// <summary>A grid point ready to run: its resolved config and its loaded inputs.</summary>
internal sealed record PreparedPoint(GridPoint Point, LoadedConfig Config, ExperimentInputs Inputs);
