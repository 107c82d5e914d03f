using System.Text.Json;
using Memento.Cli.Running;
using Memento.Core.Results;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>What a run does with its output folder: never deletes what memento did not write, refuses to reuse a
/// folder holding results without being told how, records its provenance in run.json and leaves no run.lock.</summary>
[Category("EndToEnd")]
public class OutputFolderTests
{
    private const string Small = "name: tiny\ndataset: {kind: synthetic, synthetic_tasks: 40}\nschedule: {iterations: 2}\n";

    private static string WriteConfig(string yaml)
    {
        var path = Path.Combine(TestPaths.TempDir(), "config.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>A finished run's folder to which the user added notes.md.</summary>
    private static async Task<(string Config, string Dir)> FinishedRunWithNotes()
    {
        var config = WriteConfig(Small);
        var dir = Path.Combine(TestPaths.TempDir(), "run");
        Assert.That((await CliRunner.RunAsync("run", config, "--out", dir)).Exit, Is.Zero);
        File.WriteAllText(Path.Combine(dir, "notes.md"), "my notes");
        return (config, dir);
    }

    [Test]
    public async Task A_rerun_into_a_folder_with_results_is_refused_in_one_line_and_deletes_nothing()
    {
        var (config, dir) = await FinishedRunWithNotes();
        var before = Directory.GetFileSystemEntries(dir).Order().ToArray();
        var summary = File.ReadAllBytes(Path.Combine(dir, "summary.csv"));

        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", dir);

        Assert.That(exit, Is.EqualTo(2));
        var messages = CliRunner.Messages(err);
        Assert.That(messages, Has.Length.EqualTo(1), err);
        Assert.That(messages[0], Does.StartWith($"error: output folder {dir} holds a finished run or sweep (80 episodes); to run it again, ")
            .And.Contain("another --out").And.Contain("--out auto").And.Contain("--overwrite").And.Not.Contain("--resume"));
        Assert.That(Directory.GetFileSystemEntries(dir).Order().ToArray(), Is.EqualTo(before));
        Assert.That(File.ReadAllBytes(Path.Combine(dir, "summary.csv")), Is.EqualTo(summary));
    }

    [Test]
    public async Task A_finished_sweep_run_again_says_it_is_finished_and_offers_out_auto_not_resume()
    {
        var config = WriteConfig(Small + "grid: {seed: [1, 2]}\n");
        var dir = Path.Combine(TestPaths.TempDir(), "sweep");
        Assert.That((await CliRunner.RunAsync("sweep", config, "--out", dir)).Exit, Is.Zero);

        var (exit, _, err) = await CliRunner.RunAsync("sweep", config, "--out", dir);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(CliRunner.Messages(err).Single(), Does.StartWith($"error: output folder {dir} holds a finished run or sweep")
            .And.Contain("to run it again, choose another --out (--out auto: a fresh timestamped folder)").And.Not.Contain("--resume"));
    }

    [Test]
    public async Task Overwrite_replaces_only_memento_files_and_keeps_the_users()
    {
        var (config, dir) = await FinishedRunWithNotes();
        Directory.CreateDirectory(Path.Combine(dir, "analysis"));
        File.WriteAllText(Path.Combine(dir, "analysis", "plot.py"), "print(1)");
        File.WriteAllText(Path.Combine(dir, "qnet.pt"), "stale: this run's policy writes none");

        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", dir, "--overwrite", "--set", "schedule.iterations=1");

        Assert.That(exit, Is.Zero, err);
        Assert.That(File.ReadAllText(Path.Combine(dir, "notes.md")), Is.EqualTo("my notes"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "analysis", "plot.py")), Is.EqualTo("print(1)"));
        Assert.That(File.Exists(Path.Combine(dir, "qnet.pt")), Is.False, "a memento file the new run does not write is removed");
        Assert.That(File.ReadLines(Path.Combine(dir, "episodes.csv")).Count(), Is.EqualTo(41), "header + the new run's 40 episodes");
    }

    [Test]
    public async Task A_non_empty_folder_without_results_is_refused_naming_the_ways_on()
    {
        var dir = TestPaths.TempDir();
        File.WriteAllText(Path.Combine(dir, "notes.md"), "my notes");
        var (exit, _, err) = await CliRunner.RunAsync("run", WriteConfig(Small), "--out", dir);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(CliRunner.Messages(err).Single(), Does.Contain("is not empty and holds no memento results").And.Contain("--out auto").And.Not.Contain("--resume"));
        Assert.That(Directory.GetFileSystemEntries(dir), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Out_auto_gives_a_fresh_timestamped_folder_per_run()
    {
        var stem = Path.Combine(TestPaths.TempDir(), "exp");
        // A rooted name puts results/NAME-TIME in the test's temp folder instead of the working directory's results/.
        var config = WriteConfig(Small.Replace("name: tiny", $"name: {stem}"));
        var first = await CliRunner.RunAsync("run", config, "--out", "auto");
        var second = await CliRunner.RunAsync("run", config, "--out", "auto");
        Assert.That(first.Exit, Is.Zero, first.Err);
        Assert.That(second.Exit, Is.Zero, second.Err);
        var folders = Directory.GetDirectories(Path.GetDirectoryName(stem)!).Order().ToArray();
        Assert.That(folders, Has.Length.EqualTo(2));
        Assert.That(Path.GetFileName(folders[0]), Does.Match(@"^exp-\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d(-2)?$"));
        Assert.That(first.Out, Does.Contain($"results: {folders[0]}"));
    }

    [Test]
    public void Fresh_folders_claimed_in_the_same_second_never_collide()
    {
        var stem = Path.Combine(TestPaths.TempDir(), "exp");
        var now = new DateTime(2026, 12, 1, 3, 50, 12);
        var claimed = Enumerable.Range(0, 3).Select(_ => ResultsFolder.ClaimFresh(stem, now)).ToArray();
        Assert.That(claimed.Select(Path.GetFileName), Is.EqualTo(new[] { "exp-2026-12-01_03-50-12", "exp-2026-12-01_03-50-12-2", "exp-2026-12-01_03-50-12-3" }));
    }

    [Test]
    public async Task Run_json_records_provenance_and_the_lock_is_gone()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "run");
        var (exit, stdout, err) = await CliRunner.RunAsync("run", WriteConfig(Small), "--out", dir, "--set", "memory.k=2");
        Assert.That(exit, Is.Zero, err);

        Assert.That(File.Exists(Path.Combine(dir, "run.lock")), Is.False);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "run.json")));
        var root = json.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
        {
            "memento_version", "git_commit", "git_dirty", "command_line", "sets", "started", "ended", "duration_s", "host", "os",
            "dotnet_version", "torchsharp_version", "episodes", "exit_status",
        }));
        Assert.That(root.GetProperty("exit_status").GetString(), Is.EqualTo("finished"));
        Assert.That(root.GetProperty("episodes").GetInt32(), Is.EqualTo(80));
        Assert.That(root.GetProperty("sets").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "memory.k=2" }));
        Assert.That(root.GetProperty("command_line").GetString(), Does.StartWith("memento run ").And.EndWith("--set memory.k=2"));
        // The tests run from a clone of the repository, so the commit is known.
        Assert.That(root.GetProperty("git_commit").GetString(), Does.Match("^[0-9a-f]{40}$"));
        Assert.That(root.GetProperty("torchsharp_version").GetString(), Is.Not.Empty);
        Assert.That(root.GetProperty("ended").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(root.GetProperty("started").GetDateTimeOffset()));
        Assert.That(stdout, Does.Contain($"source: {dir}, written by memento commit {root.GetProperty("git_commit").GetString()![..12]}"));

        var table = await CliRunner.RunAsync("table", dir);
        Assert.That(table.Out, Does.Contain($"source: {dir}, written by memento commit"));
    }

    [Test]
    public async Task A_sweep_names_each_point_in_its_progress_and_closes_every_iteration()
    {
        var config = WriteConfig(Small + "grid:\n  memory.policy: [none, similarity]\n  seed: [1, 2]\n");
        var dir = Path.Combine(TestPaths.TempDir(), "sweep");
        var (exit, _, err) = await CliRunner.RunAsync("sweep", config, "--out", dir);
        Assert.That(exit, Is.Zero, err);
        Assert.That(err, Does.Contain("[point 1/4 · policy=none seed=1] 40/80 episodes"));
        Assert.That(err, Does.Contain("[point 3/4 · policy=similarity seed=1] iteration 1 finished: accuracy"));
        Assert.That(err, Does.Contain("[point 4/4 · policy=similarity seed=2] iteration 2 finished: accuracy"), "the last iteration gets its line too");

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "run.json")));
        Assert.That(json.RootElement.GetProperty("episodes").GetInt32(), Is.EqualTo(4 * 80));
        Assert.That(json.RootElement.GetProperty("exit_status").GetString(), Is.EqualTo("finished"));
        Assert.That(Directory.GetFiles(dir, "run.lock", SearchOption.AllDirectories), Is.Empty);
    }
}
