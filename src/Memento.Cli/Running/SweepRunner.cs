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
    /// <param name="shard">The shard <paramref name="points"/> belong to, recorded in the folder for resumes and aggregate.</param>
    public static async Task RunAsync(LoadedConfig sweep, IReadOnlyList<PreparedPoint> points, string sweepDir, RunContext context,
        bool resume = false, int jobs = 1, Shard? shard = null)
    {
        var folder = new SweepFolder(sweepDir);
        // Held for the whole sweep, so a second process given the same folder (another shard with the same --out, say)
        // is refused instead of overwriting points.csv and the summary.
        using var sweepLock = RunLock.Acquire(sweepDir);
        if (sweepLock.StaleNote is { } note) context.Log.WriteLine(note);
        if (!resume)
        {
            if (File.Exists(folder.Root.Config))
                throw new MementoException($"folder {sweepDir} was given to another memento process, which started a sweep in it; continue it with `memento sweep --resume {sweepDir}`");
            AtomicFile.WriteAllText(folder.Root.Config, YamlTree.Serialize(sweep.Tree));
            (shard ?? Shard.All).RecordIn(folder);
        }
        else if (shard is not null && shard != Shard.All && Shard.RecordedIn(folder) is null) shard.RecordIn(folder);
        using var shared = new SharedLlmResources();
        await RunRecord.TrackAsync(folder.Root.Provenance, context.Invocation, () => Episodes(folder, points.Select(p => p.Point.FolderName)), async () =>
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

    /// <summary>Shard folders checked to be merged: the sweep's config and, for every grid point, the shard holding it.</summary>
    internal sealed record AggregatePlan(string ConfigText, LoadedConfig Sweep, IReadOnlyDictionary<string, SweepFolder> Owner, IReadOnlyList<string> Warnings);

    /// <summary>Checks shard folders of one sweep before anything is written: each is finished, they hold one sweep
    /// (the same config.yaml), one memento commit wrote them all (unless <paramref name="allowMixedCommits"/>: then a
    /// warning), and together they hold every grid point once.</summary>
    public static AggregatePlan PlanAggregate(IReadOnlyList<string> shardDirs, bool allowMixedCommits)
    {
        if (shardDirs.Count == 0) throw new MementoException("aggregate: give at least one shard folder");
        var shards = shardDirs.Select(d => new SweepFolder(Path.GetFullPath(d))).ToList();
        foreach (var shard in shards)
        {
            if (!Directory.Exists(shard.Dir)) throw MementoException.MissingFile(shard.Dir, "shard folder");
            RequireFile(shard.Root.Config);
            if (!File.Exists(shard.Points)) throw new MementoException(Unfinished(shard));
        }
        var configText = File.ReadAllText(shards[0].Root.Config);
        var first = SweepTree(shards[0]);
        foreach (var shard in shards.Skip(1))
            if (YamlTree.FirstDifference(first, SweepTree(shard)) is { } key)
                throw new MementoException($"aggregate: {shard.Dir} holds another sweep than {shards[0].Dir} ('{key}' differs in {RunFolder.ConfigFile})");
        CheckShardSet(shards);

        var warnings = new List<string>();
        var commits = shards.Select(s => (s.Dir, Commits: Provenance.Commits(s.Dir))).ToList();
        if (commits.SelectMany(c => c.Commits).Distinct().Count() > 1)
        {
            var which = string.Join("; ", commits.Select(c => $"{c.Dir}: {string.Join(" and ", c.Commits.DefaultIfEmpty("commit unknown"))}"));
            if (!allowMixedCommits)
                throw new MementoException($"aggregate: the shards were written by different memento commits ({which}); run them on one commit, or pass --allow-mixed-commits to merge them anyway");
            warnings.Add($"warning: merging shards written by different memento commits ({which})");
        }

        var sweep = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse(configText, shards[0].Root.Config));
        var owner = new Dictionary<string, SweepFolder>();
        foreach (var shard in shards)
            foreach (var row in CsvFiles.Read<SweepPoint>(shard.Points))
                if (!owner.TryAdd(row.Folder, shard))
                    throw new MementoException($"aggregate: grid point {row.Folder} is in both {owner[row.Folder].Dir} and {shard.Dir}");
        foreach (var point in ConfigLoader.Expand(sweep))
            if (!owner.ContainsKey(point.FolderName))
                throw new MementoException($"aggregate: grid point {point.FolderName} is in none of the shard folders (a shard has not finished?)");
        return new AggregatePlan(configText, sweep, owner, warnings);
    }

    /// <summary>A shard's sweep config without <c>cache.path</c>: array tasks may each keep their own response cache
    /// (merged afterwards with <c>memento cache merge</c>); every other key must agree.</summary>
    private static Dictionary<string, object?> SweepTree(SweepFolder shard)
    {
        var tree = YamlTree.LoadFile(shard.Root.Config);
        if (tree.GetValueOrDefault("cache") is Dictionary<string, object?> cache && cache.Remove("path") && cache.Count == 0) tree.Remove("cache");
        return tree;
    }

    /// <summary>Shards that record which shard they are (<see cref="Shard.RecordedIn"/>) must split the grid alike and
    /// be given once each, all of them.</summary>
    private static void CheckShardSet(IReadOnlyList<SweepFolder> shards)
    {
        var recorded = shards.Select(s => (Folder: s, Shard: Shard.RecordedIn(s))).ToList();
        if (recorded.Any(r => r.Shard is null)) return; // written before shards were recorded: the grid points tell
        string Given() => string.Join(", ", recorded.Select(r => $"{r.Shard} in {r.Folder.Dir}"));
        var count = recorded[0].Shard!.Count;
        if (recorded.Any(r => r.Shard!.Count != count))
            throw new MementoException($"aggregate: the shard folders split the grid differently ({Given()})");
        foreach (var twice in recorded.GroupBy(r => r.Shard!.Index).Where(g => g.Count() > 1))
            throw new MementoException($"aggregate: shard {twice.First().Shard} is given twice ({string.Join(" and ", twice.Select(r => r.Folder.Dir))})");
        if (Enumerable.Range(0, count).FirstOrDefault(i => recorded.All(r => r.Shard!.Index != i), -1) is var missing and >= 0)
            throw new MementoException($"aggregate: shard {missing}/{count} is missing (given: {Given()}); run it with `memento sweep CONFIG --shard {missing}/{count}`");
    }

    /// <summary>Why a shard folder without points.csv cannot be merged, and the command that finishes it.</summary>
    private static string Unfinished(SweepFolder shard)
    {
        var record = Provenance.Read(shard.Root.Provenance);
        var state = record is null ? $"no {RunFolder.ProvenanceFile}"
            : $"{(record.ExitStatus == RunStatus.Running ? "still running, or killed" : record.ExitStatus)}, {record.Episodes} episodes";
        var which = Shard.RecordedIn(shard) is { } s ? $"shard {s} " : "";
        return $"aggregate: {which}{shard.Dir} is unfinished ({state}; no {SweepFolder.PointsFile}); finish it with `memento sweep --resume {shard.Dir}`, then aggregate again";
    }

    /// <summary>Merges checked shard folders into <paramref name="outDir"/>: the point folders are copied and listed in
    /// grid order, so the result equals the folder an unsharded sweep would have written.</summary>
    public static void Aggregate(AggregatePlan plan, string outDir)
    {
        var output = new SweepFolder(outDir);
        AtomicFile.WriteAllText(output.Root.Config, plan.ConfigText);
        var rows = new List<SweepPoint>();
        foreach (var point in ConfigLoader.Expand(plan.Sweep))
        {
            CopyDirectory(plan.Owner[point.FolderName].Point(point.FolderName).Dir, output.Point(point.FolderName).Dir);
            rows.Add(PointRow(point, ConfigLoader.ForPoint(plan.Sweep, point).Config));
        }
        AtomicFile.Write(output.Points, temp => CsvFiles.Write(temp, rows));
        SweepReport.Write(outDir, Plugins.All.Policies.Names);
    }

    /// <summary>Episodes logged in a sweep folder's points (its run.json's count).</summary>
    public static int Episodes(SweepFolder folder, IEnumerable<string> pointFolders) =>
        pointFolders.Sum(p => Provenance.Read(folder.Point(p).Provenance)?.Episodes ?? 0);

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
