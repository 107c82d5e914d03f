using Memento.Cli.Commands;
using Memento.Tests.Learning;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>A Q-network whose loss becomes non-finite stops the run with one line and exit code 3, keeping every
/// episode before it and writing no network; the folder stays consistent, and resuming it stops at the same episode.</summary>
public class DivergedRunTests
{
    private static int Lines(string path) => File.ReadAllLines(path).Length;

    [Test]
    public async Task A_nan_loss_stops_the_run_at_its_episode_and_keeps_the_ones_before()
    {
        var dir = TestPaths.TempDir();
        var config = Path.Combine(dir, "config.yaml");
        File.WriteAllText(config, $"""
            name: diverged
            dataset: {"{"}kind: synthetic, synthetic_tasks: 30{"}"}
            memory: {"{"}policy: qnet, k: 2, qnet: {"{"}init: {DivergenceTests.DivergedCheckpoint(dir)}, warmup: 6, batch_size: 6, {DivergenceTests.SmallShapeYaml}{"}"}{"}"}
            schedule: {"{"}iterations: 1{"}"}
            """);
        var run = Path.Combine(dir, "run");

        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", run);

        Assert.That(exit, Is.EqualTo(CliErrors.TrainingDiverged), err);
        Assert.That(CliRunner.Messages(err), Has.Length.EqualTo(1), err);
        Assert.That(err, Does.Not.Contain("   at "));
        var match = System.Text.RegularExpressions.Regex.Match(CliRunner.Messages(err)[0],
            @"^error: qnet loss became (NaN|infinite) \(optimiser step 1\) at episode (\d+) \(iteration 1, task \S+\); the run stopped; episodes 1-(\d+) are kept in .+run \(a resume replays them and stops here again, so start a new run\); lower memory\.qnet\.lr or memory\.qnet\.embedding_lr");
        Assert.That(match.Success, err);
        var kept = int.Parse(match.Groups[3].Value);
        Assert.That(int.Parse(match.Groups[2].Value), Is.EqualTo(kept + 1));
        Assert.That(kept, Is.GreaterThan(0));
        Assert.That(Lines(Path.Combine(run, "trajectories.jsonl")), Is.EqualTo(kept));
        Assert.That(Lines(Path.Combine(run, "episodes.csv")), Is.EqualTo(kept + 1), "header + the kept episodes");
        foreach (var file in new[] { "qnet.pt", "qnet_training.csv", "summary.csv", "casebank.jsonl" })
            Assert.That(File.Exists(Path.Combine(run, file)), Is.False, file);
        var trajectories = File.ReadAllText(Path.Combine(run, "trajectories.jsonl"));

        var (again, _, againErr) = await CliRunner.RunAsync("run", config, "--resume", run);

        Assert.That(again, Is.EqualTo(CliErrors.TrainingDiverged), againErr);
        Assert.That(CliRunner.Messages(againErr), Is.EqualTo(CliRunner.Messages(err)));
        Assert.That(File.ReadAllText(Path.Combine(run, "trajectories.jsonl")), Is.EqualTo(trajectories));
        Assert.That(Lines(Path.Combine(run, "episodes.csv")), Is.EqualTo(kept + 1));
    }
}

/// <summary>In a sweep a diverged point is a result, not a crash: the other points run and are reported.</summary>
public class DivergedSweepTests
{
    [Test]
    public async Task A_diverged_grid_point_leaves_the_others_running_and_reported_and_the_sweep_exits_3()
    {
        var dir = TestPaths.TempDir();
        var config = Path.Combine(dir, "config.yaml");
        File.WriteAllText(config, $"""
            name: sweep-diverged
            dataset: {"{"}kind: synthetic, synthetic_tasks: 30{"}"}
            memory: {"{"}k: 2, qnet: {"{"}init: {DivergenceTests.DivergedCheckpoint(dir)}, warmup: 6, batch_size: 6, {DivergenceTests.SmallShapeYaml}{"}"}{"}"}
            schedule: {"{"}iterations: 1{"}"}
            grid: {"{"}memory.policy: [qnet, similarity]{"}"}
            """);
        var sweep = Path.Combine(dir, "sweep");

        var (exit, _, err) = await CliRunner.RunAsync("sweep", config, "--out", sweep);

        Assert.That(exit, Is.EqualTo(CliErrors.TrainingDiverged), err);
        Assert.That(CliRunner.Messages(err), Has.Length.EqualTo(1), err);
        Assert.That(CliRunner.Messages(err)[0], Does.StartWith("error: 1 of 2 grid points diverged (memory.policy-qnet); first: qnet loss became"));
        Assert.That(CliRunner.Messages(err)[0], Does.EndWith("the other points finished and the sweep report covers them"));
        Assert.That(File.Exists(Path.Combine(sweep, "memory.policy-similarity", "summary.csv")), Is.True);
        Assert.That(File.Exists(Path.Combine(sweep, "memory.policy-qnet", "summary.csv")), Is.False);
        var table = File.ReadAllText(Path.Combine(sweep, "table.md"));
        Assert.That(table, Does.Contain("| policy=similarity | 1 |"));
        Assert.That(table, Does.Contain("Not finished (training diverged; see each folder's episodes): memory.policy-qnet."));
        Assert.That(File.Exists(Path.Combine(sweep, "learning_curve.png")), Is.True);
    }
}
