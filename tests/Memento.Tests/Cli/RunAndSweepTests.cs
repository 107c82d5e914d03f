using Memento.Core.Results;
using NUnit.Framework;

namespace Memento.Tests.Cli;

[Category("EndToEnd")]
public class RunAndSweepTests
{
    private const string SmallSweep = """
        name: small
        dataset: {kind: synthetic, synthetic_tasks: 120}
        schedule: {iterations: 2}
        grid:
          memory.policy: [none, similarity]
          seed: [1]
        """;

    private static string WriteConfig(string yaml)
    {
        var path = Path.Combine(TestPaths.TempDir(), "config.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>episodes.csv with its wall-clock columns (names ending in _ms) zeroed.</summary>
    private static List<EpisodeRecord> EpisodesWithoutTimings(string path) =>
        CsvFiles.Read<EpisodeRecord>(path).Select(e => e with { ReadMs = 0, ActMs = 0 }).ToList();

    [Test]
    public async Task A_run_folder_holds_every_output()
    {
        var config = WriteConfig("name: one\ndataset: {kind: synthetic, synthetic_tasks: 60}\nschedule: {iterations: 2}\n");
        var dir = Path.Combine(TestPaths.TempDir(), "run");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("run", config, "--out", dir);
        Assert.That(exit, Is.Zero, stderr);
        foreach (var file in new[] { "config.yaml", "episodes.csv", "summary.csv", "casebank.jsonl", "table.md", "learning_curve.png" })
            Assert.That(File.Exists(Path.Combine(dir, file)), Is.True, file);
        Assert.That(File.ReadLines(Path.Combine(dir, "table.md")).Last(), Does.Match(@"^Source: written by memento commit [0-9a-f]+( \(dirty\))?\.$"),
            "the table names the commit that wrote the folder");
        var header = File.ReadLines(Path.Combine(dir, "episodes.csv")).First().Split(',');
        Assert.That(header, Is.SupersetOf(new[] { "iteration", "attempt", "task_id", "source", "policy", "k", "retrieved", "answer", "reward", "em", "f1" }));
        var episodes = CsvFiles.Read<EpisodeRecord>(Path.Combine(dir, "episodes.csv"));
        Assert.That(episodes, Has.Count.EqualTo(120));
        Assert.That(File.ReadLines(Path.Combine(dir, "casebank.jsonl")).Count(), Is.EqualTo(120));
        var summary = CsvFiles.Read<SummaryRow>(Path.Combine(dir, "summary.csv"));
        var all2 = summary.Single(r => r.Iteration == 2 && r.Source == SummaryRow.AllSources);
        Assert.That(all2.Correct, Is.EqualTo(episodes.Where(e => e.Iteration == 2).Sum(e => e.Reward)));
        Assert.That(File.ReadAllText(Path.Combine(dir, "config.yaml")), Does.Contain("policy: similarity"));
        Assert.That(stdout, Does.Contain("results:"));
    }

    [Test]
    public async Task Same_config_twice_gives_identical_episodes_and_another_seed_differs()
    {
        var config = WriteConfig(SmallSweep);
        var (a, b, c) = (TestPaths.TempDir(), TestPaths.TempDir(), TestPaths.TempDir());
        Assert.That((await CliRunner.RunAsync("sweep", config, "--out", a)).Exit, Is.Zero);
        Assert.That((await CliRunner.RunAsync("sweep", config, "--out", b)).Exit, Is.Zero);
        Assert.That((await CliRunner.RunAsync("sweep", config, "--out", c, "--set", "grid.seed=[2]")).Exit, Is.Zero);

        foreach (var point in new[] { "memory.policy-none_seed-1", "memory.policy-similarity_seed-1" })
            Assert.That(EpisodesWithoutTimings(Path.Combine(a, point, "episodes.csv")), Is.EqualTo(EpisodesWithoutTimings(Path.Combine(b, point, "episodes.csv"))));
        Assert.That(
            EpisodesWithoutTimings(Path.Combine(a, "memory.policy-similarity_seed-1", "episodes.csv")),
            Is.Not.EqualTo(EpisodesWithoutTimings(Path.Combine(c, "memory.policy-similarity_seed-2", "episodes.csv"))));
        foreach (var file in new[] { "table.md", "summary.csv", "learning_curve.png", "points.csv" })
            Assert.That(File.Exists(Path.Combine(a, file)), Is.True, file);
    }

    [Test]
    public async Task Grid_points_that_differ_only_in_dataset_sources_read_their_own_tasks()
    {
        var config = WriteConfig($$"""
            name: by-source
            dataset: {kind: deepresearcher, path: {{TestData.MementoJsonl}}, limit_per_source: 3}
            schedule: {iterations: 1}
            grid:
              dataset.sources: [[nq], [tq]]
            """);
        var dir = TestPaths.TempDir();
        var (exit, _, err) = await CliRunner.RunAsync("sweep", config, "--out", dir);
        Assert.That(exit, Is.Zero, err);
        var sources = Directory.GetDirectories(dir).OrderBy(d => d, StringComparer.Ordinal)
            .Select(d => CsvFiles.Read<EpisodeRecord>(Path.Combine(d, "episodes.csv")).Select(e => e.Source).Distinct().Single())
            .ToList();
        Assert.That(sources, Is.EquivalentTo(new[] { "nq", "tq" }));
    }

    [Test]
    public async Task Quickstart_similarity_beats_none_and_random_on_the_final_iteration()
    {
        var dir = TestPaths.TempDir();
        var (exit, _, stderr) = await CliRunner.RunAsync("sweep", Path.Combine(TestPaths.RepoRoot, "configs", "quickstart.yaml"), "--out", dir);
        Assert.That(exit, Is.Zero, stderr);
        var final = FinalAccuracies(dir);
        Assert.That(final["policy=similarity"], Is.GreaterThan(final["policy=none"]));
        Assert.That(final["policy=similarity"], Is.GreaterThan(final["policy=random"]));
    }

    private static Dictionary<string, double> FinalAccuracies(string sweepDir)
    {
        var lines = File.ReadAllLines(Path.Combine(sweepDir, "summary.csv"));
        var header = lines[0].Split(',').ToList();
        var rows = lines.Skip(1).Select(l => l.Split(',')).Where(r => r[header.IndexOf("source")] == SummaryRow.AllSources).ToList();
        var last = rows.Max(r => int.Parse(r[header.IndexOf("iteration")]));
        return rows.Where(r => int.Parse(r[header.IndexOf("iteration")]) == last)
            .ToDictionary(r => r[header.IndexOf("series")], r => double.Parse(r[header.IndexOf("accuracy_pct")], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public async Task A_typo_in_set_exits_2_with_one_line_naming_the_key()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("run", Path.Combine(TestPaths.RepoRoot, "configs", "quickstart.yaml"), "--set", "memory.polcy=none");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr, Does.Contain("polcy").And.Not.Contain("   at "));
    }

    [Test]
    public async Task A_missing_config_file_exits_2_naming_the_path()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("run", "/nonexistent/x.yaml");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("/nonexistent/x.yaml"));
    }
}
