using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>Bad input at the CLI edge: one line on stderr naming the file, line or key; exit code 2; no stack trace;
/// nothing written into the results folder.</summary>
public class BadInputTests
{
    private static async Task<(int Exit, string Err, string Out)> RunWithDataset(string datasetText, string extraYaml = "")
    {
        var dir = TestPaths.TempDir();
        var dataset = Path.Combine(dir, "data.jsonl");
        File.WriteAllText(dataset, datasetText);
        var config = Path.Combine(dir, "config.yaml");
        File.WriteAllText(config, $"name: bad\ndataset: {{kind: deepresearcher, path: {dataset}}}\n{extraYaml}");
        var outDir = Path.Combine(dir, "results");
        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", outDir);
        return (exit, err, outDir);
    }

    private static void AssertOneLine(string err, params string[] fragments)
    {
        Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1), err);
        Assert.That(err, Does.Not.Contain("   at "));
        foreach (var f in fragments) Assert.That(err, Does.Contain(f));
    }

    [Test]
    public async Task Broken_json_on_line_2_names_file_and_line_and_writes_nothing()
    {
        var (exit, err, outDir) = await RunWithDataset("{\"question\":\"q\",\"ground_truth\":\"a\",\"data_source\":\"nq\"}\n{\"question\": oops}\n");
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(err, "data.jsonl:2:", "invalid JSON");
        Assert.That(Directory.Exists(outDir), Is.False, "nothing written before the input is known to be good");
    }

    [Test]
    public async Task Empty_dataset_file_is_named()
    {
        var (exit, err, _) = await RunWithDataset("");
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(err, "data.jsonl", "no rows");
    }

    [Test]
    public async Task Unknown_source_tag_lists_the_known_ones()
    {
        var (exit, err, _) = await RunWithDataset("{\"question\":\"q\",\"ground_truth\":\"a\",\"data_source\":\"nq\"}\n", "dataset: {kind: deepresearcher, sources: [NQ]}\n");
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(err);
    }

    [Test]
    public async Task A_seed_bank_with_a_malformed_plan_field_names_file_and_line()
    {
        var dir = TestPaths.TempDir();
        var bank = Path.Combine(dir, "bank.jsonl");
        File.WriteAllText(bank, "{\"question\":\"q\",\"plan\":\"p\",\"reward\":1}\n{\"question\":\"q2\",\"reward\":1}\n");
        var config = Path.Combine(dir, "config.yaml");
        File.WriteAllText(config, $"dataset: {{kind: synthetic, synthetic_tasks: 10}}\nmemory: {{seed_bank: {bank}}}\n");
        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", Path.Combine(dir, "results"));
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(err, "bank.jsonl:2:", "'plan'");
        Assert.That(Directory.Exists(Path.Combine(dir, "results")), Is.False);
    }

    [Test]
    public async Task An_unwritable_results_folder_is_one_line()
    {
        var config = Path.Combine(TestPaths.TempDir(), "config.yaml");
        File.WriteAllText(config, "dataset: {kind: synthetic, synthetic_tasks: 10}\n");
        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", "/proc/memento-results");
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(err, "/proc/memento-results");
    }

    [TestCase("agent.kind=gpt", "agent.kind")]
    [TestCase("memory.policy=magic", "memory.policy")]
    [TestCase("memory.k=-1", "memory.k")]
    [TestCase("schedule.parallelism=0", "schedule.parallelism")]
    public async Task Bad_config_values_exit_2_naming_the_key(string set, string key)
    {
        var (exit, _, err) = await CliRunner.RunAsync("run", Path.Combine(TestPaths.RepoRoot, "configs", "quickstart.yaml"), "--set", set);
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(err, key);
    }
}
