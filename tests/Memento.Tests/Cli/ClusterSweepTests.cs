using System.Collections.Concurrent;
using System.Diagnostics;
using Memento.Core.Results;
using Memento.Llm.Loopback;
using Memento.Tests.Llm;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>What array jobs on a cluster need from <c>memento sweep</c> and <c>aggregate</c> (issue #24): shard folders
/// that resume alone, SIGTERM, start-or-continue, folders refused while in use, a dry run, and an aggregate that checks
/// its shards before writing anything.</summary>
[Category("EndToEnd")]
public class ClusterSweepTests
{
    private const string Sweep = """
        name: sharded
        dataset: {kind: synthetic, synthetic_tasks: 30}
        schedule: {iterations: 1}
        grid:
          memory.policy: [none, random, similarity]
          seed: [1, 2]
        """;

    private string _dir = "";
    private string _config = "";

    [SetUp]
    public void SetUp()
    {
        _dir = TestPaths.TempDir();
        _config = Path.Combine(_dir, "sweep.yaml");
        File.WriteAllText(_config, Sweep);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Dir(string name) => Path.Combine(_dir, name);

    private static async Task<string> Ok(params string[] args)
    {
        var (exit, _, err) = await CliRunner.RunAsync(args);
        Assert.That(exit, Is.Zero, $"memento {string.Join(' ', args)}: {err}");
        return err;
    }

    private static async Task<string> Refused(params string[] args)
    {
        var (exit, _, err) = await CliRunner.RunAsync(args);
        Assert.That(exit, Is.EqualTo(2), err);
        return CliRunner.Messages(err).Single();
    }

    /// <summary>Makes a finished shard look killed after its first point: the other points' results and points.csv go.</summary>
    private static void KeepOnlyFirstPoint(string shard)
    {
        File.Delete(Path.Combine(shard, SweepFolder.PointsFile));
        foreach (var point in Directory.GetDirectories(shard).Order().Skip(1)) Directory.Delete(point, recursive: true);
    }

    [Test]
    public async Task A_shard_folder_resumed_alone_runs_exactly_its_points_and_aggregates_to_the_unsharded_sweep()
    {
        await Ok("sweep", _config, "--out", Dir("whole"), "--no-report");
        for (var i = 0; i < 3; i++) await Ok("sweep", _config, "--shard", $"{i}/3", "--out", Dir($"shard-{i}"), "--no-report");
        Assert.That(File.ReadAllText(Path.Combine(Dir("shard-1"), SweepFolder.ShardFile)), Is.EqualTo("1/3\n"));
        KeepOnlyFirstPoint(Dir("shard-1"));

        var err = await Ok("sweep", "--resume", Dir("shard-1"), "--no-report");
        Assert.That(Directory.GetDirectories(Dir("shard-1")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "memory.policy-none_seed-2", "memory.policy-similarity_seed-1" }),
            "grid points 2 and 5 of 6, no other");
        Assert.That(err, Does.Not.Contain("point 3/"), "two points, not the whole grid");
        Assert.That(await Refused("sweep", "--resume", Dir("shard-1"), "--shard", "0/3"),
            Is.EqualTo($"error: --shard 0/3: {Dir("shard-1")} holds shard 1/3 of its sweep (shard.txt); resume it without --shard"));

        await Ok("aggregate", Dir("shard-0"), Dir("shard-1"), Dir("shard-2"), "--out", Dir("merged"));
        foreach (var file in new[] { "summary.csv", "table.md", "points.csv", "config.yaml" })
            Assert.That(File.ReadAllText(Path.Combine(Dir("merged"), file)), Is.EqualTo(File.ReadAllText(Path.Combine(Dir("whole"), file))), file);
        Assert.That(Provenance.Read(Path.Combine(Dir("merged"), RunFolder.ProvenanceFile))!.Episodes, Is.EqualTo(6 * 30), "the aggregate's run.json counts its episodes");
    }

    [Test]
    public async Task Sweep_list_prints_a_shards_points_with_their_folders_and_runs_nothing()
    {
        var (exit, stdout, err) = await CliRunner.RunAsync("sweep", _config, "--shard", "1/4", "--out", Dir("s1"), "--list");
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout.TrimEnd().Split('\n').Select(l => l.TrimEnd()), Is.EqualTo(new[]
        {
            "shard 1/4 of sharded: 2 of 6 grid points:",
            $"     2  {"policy=none seed=2",-40}  {Path.Combine(Dir("s1"), "memory.policy-none_seed-2")}",
            $"     6  {"policy=similarity seed=2",-40}  {Path.Combine(Dir("s1"), "memory.policy-similarity_seed-2")}",
        }));
        Assert.That(Directory.Exists(Dir("s1")), Is.False, "a dry run writes nothing");
    }

    [Test]
    public async Task Continue_starts_a_folder_then_resumes_it_with_the_same_command()
    {
        string[] command = ["sweep", _config, "--shard", "0/2", "--out", Dir("s0"), "--continue", "--no-report"];
        await Ok(command);
        KeepOnlyFirstPoint(Dir("s0"));
        var kept = File.GetLastWriteTimeUtc(Path.Combine(Dir("s0"), "memory.policy-none_seed-1", RunFolder.SummaryFile));
        var err = await Ok(command);
        Assert.That(err, Does.Not.Contain("[point 1/3").And.Contain("[point 2/3"), "the finished point is kept, the others run");
        Assert.That(File.GetLastWriteTimeUtc(Path.Combine(Dir("s0"), "memory.policy-none_seed-1", RunFolder.SummaryFile)), Is.EqualTo(kept));
        Assert.That(CsvFiles.Read<Memento.Reports.SweepPoint>(Path.Combine(Dir("s0"), SweepFolder.PointsFile)), Has.Count.EqualTo(3));
        Assert.That(Provenance.Read(Path.Combine(Dir("s0"), RunFolder.ProvenanceFile))!.Episodes, Is.EqualTo(3 * 30));
        await Ok(command); // a finished folder: nothing left to run

        Assert.That(await Refused("sweep", _config, "--shard", "1/2", "--out", Dir("s0"), "--continue"),
            Does.StartWith($"error: --shard 1/2: {Dir("s0")} holds shard 0/2"), "another shard's folder is not continued");
        Assert.That(await Refused("sweep", _config, "--out", "auto", "--continue"), Does.Contain("--continue needs a fixed --out"));
        var run = Path.Combine(_dir, "run.yaml");
        File.WriteAllText(run, "name: single\ndataset: {kind: synthetic, synthetic_tasks: 30}\nschedule: {iterations: 1}\n");
        Assert.That(await Refused("run", run, "--out", Dir("r"), "--continue", "--resume", Dir("r")), Does.Contain("--continue and --resume"));
        await Ok("run", run, "--out", Dir("r"), "--continue", "--no-report");
        Assert.That(await Ok("run", run, "--out", Dir("r"), "--continue", "--no-report"), Does.Contain($"resume {Dir("r")}: replaying 30 recorded episodes"));
    }

    [Test]
    public async Task A_folder_in_use_is_refused_and_a_stale_lock_is_reported_and_taken_over()
    {
        await Ok("sweep", _config, "--shard", "0/2", "--out", Dir("s0"), "--no-report");
        using (RunLock.Acquire(Dir("s0")))
            Assert.That(await Refused("sweep", "--resume", Dir("s0")), Does.Contain($"folder {Dir("s0")} is in use by another memento process"));

        File.WriteAllText(Path.Combine(Dir("s0"), RunFolder.LockFile), "999999 node7\n");
        var err = await Ok("sweep", "--resume", Dir("s0"), "--no-report");
        Assert.That(CliRunner.Messages(err), Does.Contain(
            $"note: {Path.Combine(Dir("s0"), RunFolder.LockFile)} was left by process 999999 on host node7, which is no longer running (killed?); this process takes the folder over"));
        Assert.That(File.Exists(Path.Combine(Dir("s0"), RunFolder.LockFile)), Is.False);
    }

    [Test]
    public async Task Aggregate_names_an_unfinished_shard_and_how_to_finish_it_and_writes_nothing()
    {
        await Ok("sweep", _config, "--shard", "0/2", "--out", Dir("s0"), "--no-report");
        await Ok("sweep", _config, "--shard", "1/2", "--out", Dir("s1"), "--no-report");
        KeepOnlyFirstPoint(Dir("s1"));
        var record = Provenance.Read(Path.Combine(Dir("s1"), RunFolder.ProvenanceFile))!;
        (record with { ExitStatus = RunStatus.Interrupted, Episodes = 30 }).Write(Path.Combine(Dir("s1"), RunFolder.ProvenanceFile));

        Assert.That(await Refused("aggregate", Dir("s0"), Dir("s1"), "--out", Dir("merged")), Is.EqualTo(
            $"error: aggregate: shard 1/2 {Dir("s1")} is unfinished (interrupted, 30 episodes; no points.csv); finish it with `memento sweep --resume {Dir("s1")}`, then aggregate again"));
        Assert.That(Directory.Exists(Dir("merged")), Is.False, "a refused aggregate leaves no half-written --out");
        Assert.That(await Refused("aggregate", Dir("s0"), "--out", Dir("merged")), Does.Contain("shard 1/2 is missing"));

        await Ok("sweep", "--resume", Dir("s1"), "--no-report");
        await Ok("aggregate", Dir("s0"), Dir("s1"), "--out", Dir("merged"));
        var again = await Refused("aggregate", Dir("s0"), Dir("s1"), "--out", Dir("merged"));
        Assert.That(again, Does.Contain("--overwrite").And.Not.Contain("--resume"), "aggregate has nothing to resume");
    }

    [Test]
    public async Task Aggregate_refuses_shards_of_different_commits_unless_allowed()
    {
        await Ok("sweep", _config, "--shard", "0/2", "--out", Dir("s0"), "--no-report");
        await Ok("sweep", _config, "--shard", "1/2", "--out", Dir("s1"), "--no-report");
        var path = Path.Combine(Dir("s1"), RunFolder.ProvenanceFile);
        (Provenance.Read(path)! with { GitCommit = "0123456789abcdef", GitDirty = false }).Write(path);

        var refusal = await Refused("aggregate", Dir("s0"), Dir("s1"), "--out", Dir("merged"));
        Assert.That(refusal, Does.StartWith("error: aggregate: the shards were written by different memento commits (")
            .And.Contain($"{Dir("s1")}: commit 0123456789ab and ").And.EndWith("pass --allow-mixed-commits to merge them anyway"));
        Assert.That(Directory.Exists(Dir("merged")), Is.False);
        var err = await Ok("aggregate", Dir("s0"), Dir("s1"), "--out", Dir("merged"), "--allow-mixed-commits");
        Assert.That(CliRunner.Messages(err).First(), Does.StartWith("warning: merging shards written by different memento commits ("));
    }

    [Test]
    public async Task Aggregate_accepts_shards_that_differ_only_in_their_cache_file()
    {
        for (var i = 0; i < 2; i++)
            await Ok("sweep", _config, "--shard", $"{i}/2", "--out", Dir($"s{i}"), "--no-report", "--set", $"cache.path={Dir($"cache-{i}.sqlite")}");
        await Ok("aggregate", Dir("s0"), Dir("s1"), "--out", Dir("merged"));

        await Ok("sweep", _config, "--shard", "1/2", "--out", Dir("other"), "--no-report", "--set", "dataset.synthetic_tasks=20");
        Assert.That(await Refused("aggregate", Dir("s0"), Dir("other"), "--out", Dir("m2")),
            Is.EqualTo($"error: aggregate: {Dir("other")} holds another sweep than {Dir("s0")} ('dataset.synthetic_tasks' differs in config.yaml)"));
    }

    [Test]
    public async Task Sigterm_stops_a_run_like_ctrl_c_with_exit_143_and_it_resumes()
    {
        var config = Path.Combine(_dir, "long.yaml");
        File.WriteAllText(config, "name: long\ndataset: {kind: synthetic, synthetic_tasks: 600}\nschedule: {iterations: 20}\n");
        var dir = Dir("terminated");
        var stderr = new ConcurrentQueue<string>();
        using var process = CliRunner.Start(["run", config, "--out", dir, "--no-report"], stderr);
        await ResumeTests.WaitForEpisodes(dir, 100, process);
        Signal(process, "TERM");
        await process.WaitForExitAsync();
        process.WaitForExit();

        Assert.That(process.ExitCode, Is.EqualTo(143), string.Join("\n", stderr));
        var logged = ResumeTests.LoggedEpisodes(dir);
        Assert.That(stderr.Last(), Is.EqualTo(
            $"terminated (SIGTERM): stopped after the current wave; {logged} finished episodes are kept in {dir}; continue with: memento run --resume {dir}"));
        Assert.That(File.Exists(Path.Combine(dir, RunFolder.LockFile)), Is.False, "run.lock is removed");
        Assert.That(Provenance.Read(Path.Combine(dir, RunFolder.ProvenanceFile)), Has.Property("ExitStatus").EqualTo(RunStatus.Interrupted).And.Property("Episodes").EqualTo(logged));
        await Ok("run", "--resume", dir, "--no-report");
        Assert.That(Provenance.Read(Path.Combine(dir, RunFolder.ProvenanceFile))!.Episodes, Is.EqualTo(12000));
    }

    [Test]
    public async Task Sigterm_cancels_slow_llm_requests_in_flight_so_the_stop_fits_a_grace_period()
    {
        // From the 13th request on, the server answers only after two minutes: far beyond Slurm's KillWait (30 s).
        var hang = true;
        using var server = new LoopbackOpenAiServer(LlmRunEndToEndTests.ToolScript)
        {
            SlowReply = n => hang && n >= 13 ? TimeSpan.FromMinutes(2) : TimeSpan.Zero,
        };
        var config = LlmWorld.WriteConfig(_dir, "llm", server.BaseUrl, ", timeout_s: 300", "schedule: {iterations: 2, parallelism: 2}");
        var dir = Dir("llm");
        var stderr = new ConcurrentQueue<string>();
        using var process = CliRunner.Start(["run", config, "--out", dir, "--no-report", "--skip-preflight"], stderr);
        var clock = Stopwatch.StartNew();
        while (server.Requests < 13 && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90)) await Task.Delay(20);
        Assert.That(server.Requests, Is.GreaterThanOrEqualTo(13), string.Join("\n", stderr));
        await Task.Delay(500); // the slow request is in flight
        clock.Restart();
        Signal(process, "TERM");
        await process.WaitForExitAsync();
        process.WaitForExit();
        var stopped = clock.Elapsed;

        Assert.That(process.ExitCode, Is.EqualTo(143), string.Join("\n", stderr));
        Assert.That(stopped, Is.LessThan(TimeSpan.FromSeconds(20)), "the request in flight is cancelled, not awaited");
        Assert.That(stderr.Last(), Does.StartWith("terminated (SIGTERM): stopped after the current wave;"));
        var logged = ResumeTests.LoggedEpisodes(dir);
        Assert.That(Provenance.Read(Path.Combine(dir, RunFolder.ProvenanceFile)), Has.Property("ExitStatus").EqualTo(RunStatus.Interrupted).And.Property("Episodes").EqualTo(logged));
        TestContext.Progress.WriteLine($"SIGTERM with a slow request in flight: stopped in {stopped.TotalSeconds:F1} s, {logged} episodes kept");

        hang = false;
        await Ok("run", "--resume", dir, "--no-report", "--skip-preflight");
        Assert.That(Provenance.Read(Path.Combine(dir, RunFolder.ProvenanceFile))!.Episodes, Is.EqualTo(12));
    }

    private static void Signal(Process process, string signal) => Process.Start("kill", [$"-{signal}", process.Id.ToString()])!.WaitForExit();
}
