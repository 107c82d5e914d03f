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

    internal static int LoggedEpisodes(string dir)
    {
        var path = Path.Combine(dir, "trajectories.jsonl");
        try { return File.Exists(path) ? File.ReadAllText(path).Count(c => c == '\n') : 0; }
        catch (IOException) { return 0; }
    }

    internal static async Task WaitForEpisodes(string dir, int count, Process process)
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
            var process = CliRunner.Start(["run", _configPath, "--out", dir]);
            await WaitForEpisodes(dir, killAfter, process);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();

            var (exit, _, err) = await CliRunner.RunAsync("run", _configPath, "--resume", dir);
            Assert.That(exit, Is.Zero, $"resume after ~{killAfter} episodes: {err}");
            AssertSameOutputs(dir);
        }
    }

    [Test]
    public async Task Sigint_stops_after_the_wave_with_the_message_and_resume_without_the_config_ends_like_an_uninterrupted_run()
    {
        // A longer run than the kill test's, so the signal surely lands mid-run (12,000 episodes: each question's vector
        // is encoded once up front, so similarity episodes are fast, and on a loaded machine the signal can take seconds).
        var config = Path.Combine(TestPaths.TempDir(), "long.yaml");
        File.WriteAllText(config, "name: long\ndataset: {kind: synthetic, synthetic_tasks: 600}\nschedule: {iterations: 20}\n");
        var reference = Path.Combine(TestPaths.TempDir(), "long-reference");
        Assert.That((await CliRunner.RunAsync("run", config, "--out", reference)).Exit, Is.Zero);

        var dir = Path.Combine(TestPaths.TempDir(), "interrupted");
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = CliRunner.Start(["run", config, "--out", dir], stderr);
        await WaitForEpisodes(dir, 100, process);
        Process.Start("kill", ["-INT", process.Id.ToString()])!.WaitForExit();
        await process.WaitForExitAsync();
        process.WaitForExit(); // drains the redirected stderr

        Assert.That(process.ExitCode, Is.EqualTo(130), string.Join("\n", stderr));
        var logged = LoggedEpisodes(dir);
        Assert.That(logged, Is.InRange(100, 11999));
        Assert.That(stderr.Last(), Is.EqualTo(
            $"interrupted: stopped after the current wave; {logged} finished episodes are kept in {dir}; continue with: memento run --resume {dir}"));
        Assert.That(File.Exists(Path.Combine(dir, "run.lock")), Is.False, "run.lock is removed when the run stops");
        Assert.That(Provenance.Read(Path.Combine(dir, "run.json")), Has.Property("ExitStatus").EqualTo("interrupted").And.Property("Episodes").EqualTo(logged));

        var (exit, _, err) = await CliRunner.RunAsync("run", "--resume", dir);
        Assert.That(exit, Is.Zero, err);
        Assert.That(err, Does.Contain($"[long] resume {dir}: replaying {logged} recorded episodes"));
        foreach (var file in new[] { "casebank.jsonl", "summary.csv", "trajectories.jsonl", "config.yaml" })
            Assert.That(File.ReadAllBytes(Path.Combine(dir, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(reference, file))), file);
        Assert.That(Provenance.Read(Path.Combine(dir, "run.json")), Has.Property("ExitStatus").EqualTo("finished").And.Property("Episodes").EqualTo(12000));
    }

    [TestCase("1")]
    [TestCase("2")]
    public async Task Sigint_stops_a_sweep_which_resumes_from_its_folder_alone(string jobs)
    {
        var config = Path.Combine(TestPaths.TempDir(), "sweep.yaml");
        File.WriteAllText(config, "name: longsweep\ndataset: {kind: synthetic, synthetic_tasks: 600}\nschedule: {iterations: 3}\n" +
                                  "grid:\n  memory.policy: [none, similarity]\n");
        var dir = Path.Combine(TestPaths.TempDir(), "sweep");
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = CliRunner.Start(["sweep", config, "--out", dir, "--jobs", jobs], stderr);
        await WaitForEpisodes(Path.Combine(dir, "memory.policy-none"), 100, process);
        Process.Start("kill", ["-INT", process.Id.ToString()])!.WaitForExit();
        await process.WaitForExitAsync();
        process.WaitForExit();

        Assert.That(process.ExitCode, Is.EqualTo(130), string.Join("\n", stderr));
        Assert.That(stderr.Last(), Does.StartWith("interrupted: stopped after the current wave;").And.EndWith($"continue with: memento sweep --resume {dir}"));
        Assert.That(Directory.GetFiles(dir, "run.lock", SearchOption.AllDirectories), Is.Empty);
        Assert.That(Provenance.Read(Path.Combine(dir, "run.json"))!.ExitStatus, Is.EqualTo("interrupted"));

        var (exit, _, err) = await CliRunner.RunAsync("sweep", "--resume", dir, "--jobs", jobs);
        Assert.That(exit, Is.Zero, err);
        Assert.That(Provenance.Read(Path.Combine(dir, "run.json")), Has.Property("ExitStatus").EqualTo("finished").And.Property("Episodes").EqualTo(2 * 1800));
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
