using System.Runtime.ExceptionServices;
using System.Text.Json;
using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Results;
using Memento.Llm;
using Memento.Reports;

namespace Memento.Cli.Running;

/// <summary>Runs every point of a config's grid (cross product) — or a shard's share of them — into its own
/// subfolder, then the combined report. <c>memento aggregate</c> merges shard folders into one sweep folder.</summary>
internal static class SweepRunner
{
    /// <param name="resume">Keep finished points, resume partial ones, run the rest.</param>
    /// <param name="points">The shard's points from <see cref="Prepare"/>.</param>
    /// <param name="jobs">How many points run at once. They share one response cache per file and one request gate per
    /// (max_concurrency, requests_per_minute), so those limits are the sweep's; each point's episodes are the same as
    /// when the points run one after another.</param>
    public static async Task RunAsync(LoadedConfig sweep, IReadOnlyList<PreparedPoint> points, string sweepDir, RunContext context,
        bool resume = false, int jobs = 1)
    {
        var folder = new SweepFolder(sweepDir);
        if (!resume) AtomicFile.WriteAllText(folder.Root.Config, YamlTree.Serialize(sweep.Tree));
        int Episodes() => points.Sum(p => Provenance.Read(folder.Point(p.Point.FolderName).Provenance)?.Episodes ?? 0);
        using var shared = new SharedLlmResources();
        await RunRecord.TrackAsync(folder.Root.Provenance, context.Invocation, Episodes, async () =>
        {
            await RunPointsAsync(points, folder, context with { SharedLlm = shared }, resume, jobs);
            return 0;
        });
    }

    private static async Task RunPointsAsync(IReadOnlyList<PreparedPoint> points, SweepFolder folder, RunContext context, bool resume, int jobs)
    {
        var diverged = new List<(int Index, TrainingDivergedException Error)>();
        var failures = new List<Exception>();
        // A point that fails stops the others after their current wave (as Ctrl-C does), so the sweep ends resumable.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        var pointContext = context with { Cancellation = stop.Token };
        var finished = 0;
        await Parallel.ForEachAsync(points.Index(), new ParallelOptions { MaxDegreeOfParallelism = jobs }, async (item, _) =>
        {
            var (index, (point, loaded, inputs)) = item;
            if (stop.IsCancellationRequested) return;
            var run = folder.Point(point.FolderName);
            var label = $"point {index + 1}/{points.Count} · {point.Description}";
            try
            {
                if (!(resume && run.IsFinished))
                    await ExperimentRunner.RunAsync(loaded, inputs, run.Dir, pointContext, resume: resume && Directory.Exists(run.Dir), label);
                if (jobs > 1) context.Log.WriteLine($"[{label}] done ({Interlocked.Increment(ref finished)} of {points.Count} points)");
            }
            catch (TrainingDivergedException e)
            {
                // A setting that diverges (a learning rate too high, say) is a result of the sweep, not a reason to
                // drop the other points: they run, the report covers the finished ones, and the sweep ends with exit 3.
                lock (diverged) diverged.Add((index, e));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Ctrl-C, or another point failed: this one stopped after its wave and resumes later.
            }
            catch (Exception e)
            {
                lock (failures) failures.Add(e);
                await stop.CancelAsync();
            }
        });
        if (failures.Count > 0) ExceptionDispatchInfo.Throw(failures[0]);
        context.Cancellation.ThrowIfCancellationRequested();

        var rows = points.Select(p => PointRow(p.Point, p.Config.Config)).ToList();
        AtomicFile.Write(folder.Points, temp => CsvFiles.Write(temp, rows));
        if (diverged.Count < rows.Count) SweepReport.Write(folder.Dir, Plugins.All.Policies.Names);
        if (diverged.Count > 0)
        {
            var byGrid = diverged.OrderBy(d => d.Index).Select(d => (Folder: points[d.Index].Point.FolderName, d.Error)).ToList();
            throw new TrainingDivergedException(
                $"{byGrid.Count} of {rows.Count} grid points diverged ({string.Join(", ", byGrid.Select(d => d.Folder))}); first: {byGrid[0].Error.Problem}",
                byGrid.Count < rows.Count ? "the other points finished and the sweep report covers them" : "no point finished");
        }
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
