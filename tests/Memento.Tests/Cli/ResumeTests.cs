using System.Diagnostics;
using Memento.Core.Results;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>Kills real memento processes mid-run and checks that a resumed run ends exactly where an uninterrupted one does.</summary>
[Category("EndToEnd")]
public class ResumeTests
{
    private const string Config = """
        name: resumable
        seed: 3
        dataset: {kind: synthetic, synthetic_tasks: 100}
        memory: {policy: qnet, k: 4, qnet: {warmup: 32, batch_size: 32}}
        schedule: {iterations: 2, parallelism: 2}
        """;

    private static readonly string[] SameFiles = ["casebank.jsonl", "summary.csv", "trajectories.jsonl", "qnet.pt", "qnet_training.csv", "config.yaml"];

    private static string _configPath = "";
    private static string _reference = "";

    [OneTimeSetUp]
    public async Task RunUninterrupted()
    {
        _configPath = Path.Combine(TestPaths.TempDir(), "config.yaml");
        File.WriteAllText(_configPath, Config);
        _reference = Path.Combine(TestPaths.TempDir(), "reference");
        var (exit, _, err) = await CliRunner.RunAsync("run", _configPath, "--out", _reference);
        Assert.That(exit, Is.Zero, err);
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "memento.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int LoggedEpisodes(string dir)
    {
        var path = Path.Combine(dir, "trajectories.jsonl");
        try { return File.Exists(path) ? File.ReadAllText(path).Count(c => c == '\n') : 0; }
        catch (IOException) { return 0; }
    }

    private static async Task WaitForEpisodes(string dir, int count, Process process)
    {
        var clock = Stopwatch.StartNew();
        while (LoggedEpisodes(dir) < count && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(5);
    }

    private static void AssertSameOutputs(string dir)
    {
        foreach (var file in SameFiles)
            Assert.That(File.ReadAllBytes(Path.Combine(dir, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(_reference, file))), file);
        var episodes = CsvFiles.Read<EpisodeRecord>(Path.Combine(dir, "episodes.csv")).Select(e => e with { ReadMs = 0, ActMs = 0 });
        var expected = CsvFiles.Read<EpisodeRecord>(Path.Combine(_reference, "episodes.csv")).Select(e => e with { ReadMs = 0, ActMs = 0 });
        Assert.That(episodes, Is.EqualTo(expected), "episodes.csv apart from _ms columns");
    }

    [Test]
    public async Task Killed_at_five_random_points_each_resume_ends_identical_to_the_uninterrupted_run()
    {
        var rng = new Random(12345);
        for (var i = 0; i < 5; i++)
        {
            var dir = Path.Combine(TestPaths.TempDir(), "killed");
            var killAfter = rng.Next(1, 195);
            var process = Start("run", _configPath, "--out", dir);
            await WaitForEpisodes(dir, killAfter, process);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();

            var (exit, _, err) = await CliRunner.RunAsync("run", _configPath, "--resume", dir);
            Assert.That(exit, Is.Zero, $"resume after ~{killAfter} episodes: {err}");
            AssertSameOutputs(dir);
        }
    }

    [Test]
    public async Task Sigint_stops_with_a_resumable_folder()
    {
        // A longer run than the kill test's, so the signal surely lands mid-run (12,000 episodes: each question's vector
        // is encoded once up front, so similarity episodes are fast, and on a loaded machine the signal can take seconds).
        var config = Path.Combine(TestPaths.TempDir(), "long.yaml");
        File.WriteAllText(config, "name: long\ndataset: {kind: synthetic, synthetic_tasks: 600}\nschedule: {iterations: 20}\n");
        var reference = Path.Combine(TestPaths.TempDir(), "long-reference");
        Assert.That((await CliRunner.RunAsync("run", config, "--out", reference)).Exit, Is.Zero);

        var dir = Path.Combine(TestPaths.TempDir(), "interrupted");
        var process = Start("run", config, "--out", dir);
        await WaitForEpisodes(dir, 100, process);
        Process.Start("kill", ["-INT", process.Id.ToString()])!.WaitForExit();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.EqualTo(130));
        Assert.That(LoggedEpisodes(dir), Is.InRange(100, 11999));

        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--resume", dir);
        Assert.That(exit, Is.Zero, err);
        foreach (var file in new[] { "casebank.jsonl", "summary.csv", "trajectories.jsonl" })
            Assert.That(File.ReadAllBytes(Path.Combine(dir, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(reference, file))), file);
    }

    [Test]
    public async Task A_conflicting_set_on_resume_is_refused()
    {
        var (exit, _, err) = await CliRunner.RunAsync("run", _configPath, "--resume", _reference, "--set", "memory.k=8");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain("memory.k").And.Contain("'4'"));
    }

    [Test]
    public async Task A_second_process_on_one_run_folder_is_refused()
    {
        using var held = RunLock.Acquire(_reference);
        var (exit, _, err) = await CliRunner.RunAsync("run", _configPath, "--resume", _reference);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain("in use by another memento process"));
    }
}
