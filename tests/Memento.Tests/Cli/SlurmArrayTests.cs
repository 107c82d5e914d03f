using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Memento.Core.Results;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>
/// The shipped scripts/slurm on a real single-node Slurm (Debian's slurm-wlm with munge) that the test starts from a
/// temporary folder with scripts/slurm/local-cluster.sh and stops by the daemons' process ids: submit.sh submits a
/// 3-task array and the dependent aggregate job; one task is requeued mid-run (SIGTERM, as preemption does), continues
/// its shard folder, and the aggregate equals the unsharded sweep. Needs root; installs slurm-wlm and munge with
/// apt-get when they are missing, and is skipped, saying why, only where that cannot be done.
/// </summary>
[Category("EndToEnd"), Category("Slow")]
[UnsupportedOSPlatform("windows")]
public partial class SlurmArrayTests
{
    // 6 grid points, 2 per shard; a point is long enough (3,000 episodes) for the requeue to land while it runs.
    private const string Sweep = """
        name: slurm
        dataset: {kind: synthetic, synthetic_tasks: 600}
        schedule: {iterations: 5}
        grid:
          memory.policy: [none, similarity]
          seed: [1, 2, 3]
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    [Test]
    public async Task An_array_job_with_a_task_requeued_mid_run_then_its_aggregate_equals_the_unsharded_sweep()
    {
        EnsureSlurmInstalled();
        var root = TestPaths.TempDir();
        var cluster = Path.Combine(root, "cluster");
        var env = new Dictionary<string, string> { ["SLURM_CONF"] = Path.Combine(cluster, "slurm.conf") };
        var clock = Stopwatch.StartNew();
        var (started, _, startErr) = await Run(Script("local-cluster.sh"), ["start", cluster], root, env);
        Assert.That(started, Is.Zero, $"local-cluster.sh start: {startErr}");
        var clusterUp = clock.Elapsed;
        var daemons = new[] { "munged", "slurmctld", "slurmd" }.Select(d => int.Parse(File.ReadAllText(Path.Combine(cluster, d + ".pid")).Trim())).ToList();
        try
        {
            // The array script runs root/memento/scripts/memento: here, the memento the tests were built with.
            var memento = Path.Combine(root, "memento");
            Directory.CreateDirectory(Path.Combine(memento, "scripts"));
            var launcher = Path.Combine(memento, "scripts", "memento");
            File.WriteAllText(launcher, $"#!/usr/bin/env bash\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "memento.dll")}' \"$@\"\n");
            File.SetUnixFileMode(launcher, (UnixFileMode)0b111_101_101);
            var work = Path.Combine(root, "work");
            Directory.CreateDirectory(work);
            File.WriteAllText(Path.Combine(work, "sweep.yaml"), Sweep);
            env["MEMENTO_ROOT"] = memento;
            env["SBATCH_OPTIONS"] = "--oversubscribe";

            // Submitted from the work folder with relative paths, as a user would; the script itself stays in the repository.
            var (submitted, submitOut, submitErr) = await Run(Script("submit.sh"), ["sweep.yaml", "results/slurm", "3", "--no-report"], work, env);
            Assert.That(submitted, Is.Zero, submitErr);
            var array = JobId().Match(submitOut).Groups[1].Value;
            var aggregate = AggregateId().Match(submitOut).Groups[1].Value;
            Assert.That(array, Is.Not.Empty, submitOut);

            var shard1 = Path.Combine(work, "results", "slurm", "shard-1");
            var firstPoint = Path.Combine(shard1, "memory.policy-none_seed-2", RunFolder.TrajectoriesFile);
            await Until(() => Lines(firstPoint) >= 50, "shard 1's first point to log 50 episodes", work);
            var requeuedAt = clock.Elapsed;
            Assert.That((await Run("scontrol", ["requeue", $"{array}_1"], work, env)).Exit, Is.Zero, "scontrol requeue");
            var log1 = Path.Combine(work, $"slurm-memento-sweep-{array}_1.out");
            await Until(() => File.Exists(log1) && File.ReadAllText(log1).Contains("memento exited with"), "the requeued task's memento to stop", work);
            var stopped = clock.Elapsed - requeuedAt;
            // A requeued job waits about two minutes before it may start again; the test does not.
            await Run("scontrol", ["update", $"JobId={array}_1", "StartTime=now"], work, env);
            await Until(() => JobState(aggregate, env) is "COMPLETED" or "FAILED" or "CANCELLED", "the aggregate job to end", work);
            var total = clock.Elapsed;

            var log = File.ReadAllText(log1);
            Assert.That(log, Does.Contain("(restart 0): shard 1/3").And.Contain("(restart 1): shard 1/3"), "the log is appended to across the requeue:\n" + log);
            Assert.That(log, Does.Contain("terminated (SIGTERM): stopped after the current wave").And.Contain("memento exited with 143"), "stopped mid-run by the requeue:\n" + log);
            Assert.That(log, Does.Contain($"resume {Path.Combine(shard1, "memory.policy-none_seed-2")}"), "the requeued task continued its shard:\n" + log);
            Assert.That(JobState(aggregate, env), Is.EqualTo("COMPLETED"), File.ReadAllText(Path.Combine(work, $"slurm-memento-aggregate-{aggregate}.out")));

            var whole = Path.Combine(root, "whole");
            var (exit, _, err) = await CliRunner.RunAsync("sweep", Path.Combine(work, "sweep.yaml"), "--out", whole, "--no-report");
            Assert.That(exit, Is.Zero, err);
            var merged = Path.Combine(work, "results", "slurm", "all");
            foreach (var file in new[] { "summary.csv", "table.md", "points.csv", "config.yaml" })
                Assert.That(File.ReadAllText(Path.Combine(merged, file)), Is.EqualTo(File.ReadAllText(Path.Combine(whole, file))), file);
            var points = Directory.GetDirectories(whole).Select(Path.GetFileName).ToList();
            Assert.That(points, Has.Count.EqualTo(6));
            foreach (var point in points)
            {
                foreach (var file in new[] { RunFolder.CaseBankFile, RunFolder.SummaryFile, RunFolder.TrajectoriesFile })
                    Assert.That(File.ReadAllBytes(Path.Combine(merged, point!, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(whole, point!, file))), $"{point}/{file}");
                var expected = CsvFiles.Read<EpisodeRecord>(Path.Combine(whole, point!, "episodes.csv")).Select(e => e with { ReadMs = 0, ActMs = 0 });
                var actual = CsvFiles.Read<EpisodeRecord>(Path.Combine(merged, point!, "episodes.csv")).Select(e => e with { ReadMs = 0, ActMs = 0 });
                Assert.That(actual, Is.EqualTo(expected), $"{point}/episodes.csv apart from _ms columns");
            }
            TestContext.Progress.WriteLine($"slurm: cluster up in {clusterUp.TotalSeconds:F1} s; requeue after {requeuedAt.TotalSeconds:F1} s stopped the task in " +
                                           $"{stopped.TotalSeconds:F1} s; aggregate done at {total.TotalSeconds:F1} s; merged = unsharded in 6 points × (casebank, summary, " +
                                           "trajectories, episodes) and the sweep's summary, table, points, config");
        }
        finally
        {
            await Run(Script("local-cluster.sh"), ["stop", cluster], root, env);
            Assert.That(daemons.Where(Alive), Is.Empty, "the daemons the test started are stopped");
        }
    }

    private static string Script(string name) => Path.Combine(TestPaths.RepoRoot, "scripts", "slurm", name);

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');

    private static int Lines(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path).Count(c => c == '\n') : 0; }
        catch (IOException) { return 0; }
    }

    private static string JobState(string job, Dictionary<string, string> env)
    {
        var (_, stdout, _) = Run("scontrol", ["show", "job", job], "/", env).GetAwaiter().GetResult();
        return StateField().Match(stdout).Groups[1].Value;
    }

    private static async Task Until(Func<bool> done, string what, string work)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > Patience)
                Assert.Fail($"waited {Patience.TotalMinutes} min for {what}; logs: " +
                            string.Join("\n", Directory.GetFiles(work, "slurm-*.out").Select(f => $"{Path.GetFileName(f)}:\n{File.ReadAllText(f)}")));
            await Task.Delay(200);
        }
    }

    /// <summary>slurm-wlm and munge, installed with apt-get when missing (as .ci/run does); the test is skipped, with the
    /// reason, only where they cannot be.</summary>
    private static void EnsureSlurmInstalled()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("Slurm's daemons run on Linux only");
        if (Environment.UserName != "root") Assert.Ignore("starting slurmctld, slurmd and munged needs root");
        if (Installed()) return;
        var (exit, _, err) = Run("bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 slurm-wlm munge"], "/", [])
            .GetAwaiter().GetResult();
        if (exit != 0 || !Installed())
            Assert.Ignore($"slurm-wlm and munge are not installed and apt-get could not install them (exit {exit}): {err.Trim().Split('\n').LastOrDefault()}");
    }

    private static bool Installed() => new[] { "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged", "/usr/bin/sbatch" }.All(File.Exists);

    private static async Task<(int Exit, string Out, string Err)> Run(string file, string[] args, string workingDirectory, Dictionary<string, string> env)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in env) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex(@"array job (\d+):")]
    private static partial Regex JobId();

    [GeneratedRegex(@"aggregate job (\d+):")]
    private static partial Regex AggregateId();

    [GeneratedRegex(@"JobState=(\w+)")]
    private static partial Regex StateField();
}
