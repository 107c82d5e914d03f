using Memento.Core.Results;
using NUnit.Framework;

namespace Memento.Tests.Cli;

[Category("EndToEnd")]
public class ShardTests
{
    private const string Sweep = """
        name: sharded
        dataset: {kind: synthetic, synthetic_tasks: 60}
        schedule: {iterations: 2}
        grid:
          memory.policy: [none, random, similarity]
          seed: [1, 2]
        """;

    [Test]
    public async Task Two_shards_aggregated_equal_the_unsharded_sweep_exactly()
    {
        var config = Path.Combine(TestPaths.TempDir(), "sweep.yaml");
        File.WriteAllText(config, Sweep);
        var (whole, shard0, shard1, merged) = (TestPaths.TempDir(), TestPaths.TempDir(), TestPaths.TempDir(), Path.Combine(TestPaths.TempDir(), "merged"));

        Assert.That((await CliRunner.RunAsync("sweep", config, "--out", whole)).Exit, Is.Zero);
        Assert.That((await CliRunner.RunAsync("sweep", config, "--out", shard0, "--shard", "0/2")).Exit, Is.Zero);
        Assert.That((await CliRunner.RunAsync("sweep", config, "--out", shard1, "--shard", "1/2", "--jobs", "3")).Exit, Is.Zero, "a shard's points at once");
        Assert.That(CsvFiles.Read<Memento.Reports.SweepPoint>(Path.Combine(shard0, "points.csv")), Has.Count.EqualTo(3));
        var (exit, _, err) = await CliRunner.RunAsync("aggregate", shard1, shard0, "--out", merged);
        Assert.That(exit, Is.Zero, err);

        foreach (var file in new[] { "summary.csv", "table.md", "points.csv", "config.yaml" })
            Assert.That(File.ReadAllText(Path.Combine(merged, file)), Is.EqualTo(File.ReadAllText(Path.Combine(whole, file))), file);
        foreach (var point in Directory.GetDirectories(whole).Select(Path.GetFileName))
        {
            var expected = CsvFiles.Read<EpisodeRecord>(Path.Combine(whole, point!, "episodes.csv")).Select(e => e with { ReadMs = 0, ActMs = 0 });
            var actual = CsvFiles.Read<EpisodeRecord>(Path.Combine(merged, point!, "episodes.csv")).Select(e => e with { ReadMs = 0, ActMs = 0 });
            Assert.That(actual, Is.EqualTo(expected), point);
        }
    }

    [Test]
    public async Task Aggregate_refuses_an_incomplete_set_of_shards()
    {
        var config = Path.Combine(TestPaths.TempDir(), "sweep.yaml");
        File.WriteAllText(config, Sweep);
        var shard0 = TestPaths.TempDir();
        Assert.That((await CliRunner.RunAsync("sweep", config, "--out", shard0, "--shard", "0/3")).Exit, Is.Zero);
        var (exit, _, err) = await CliRunner.RunAsync("aggregate", shard0, "--out", Path.Combine(TestPaths.TempDir(), "m"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(CliRunner.Messages(err).Single(), Does.StartWith($"error: aggregate: shard 1/3 is missing (given: 0/3 in {shard0}); run it with `memento sweep CONFIG --shard 1/3`"));
    }

    [TestCase("2/2")]
    [TestCase("x")]
    [TestCase("-1/3")]
    public async Task A_bad_shard_is_one_clear_line(string shard)
    {
        var (exit, _, err) = await CliRunner.RunAsync("sweep", Path.Combine(TestPaths.RepoRoot, "configs", "quickstart.yaml"), "--shard", shard, "--out", TestPaths.TempDir());
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain("0 <= I < N"));
    }
}
