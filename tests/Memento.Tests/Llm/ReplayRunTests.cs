using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Llm;

/// <summary><c>agent.kind: replay</c> through <c>memento run</c>: a simulator run's trajectories re-scored without any
/// agent give the same answers and scores.</summary>
[Category("EndToEnd")]
public class ReplayRunTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("memento-replay-run-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static string Columns(string csv, params string[] names)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        var idx = names.Select(n => Array.IndexOf(header, n)).ToArray();
        Assert.That(idx, Has.None.EqualTo(-1));
        // The chosen columns hold no commas (ids, numbers, short answers of the synthetic set are checked by equality anyway).
        return string.Join("\n", lines.Skip(1).Select(l => string.Join('|', idx.Select(i => l.Split(',')[i]))));
    }

    [Test]
    public async Task A_replayed_run_reproduces_the_recorded_answers_and_scores()
    {
        var config = Path.Combine(_dir, "sim.yaml");
        File.WriteAllText(config, "name: sim\nseed: 2\ndataset: {synthetic_tasks: 30}\nmemory: {policy: none}\nschedule: {iterations: 2, shuffle: false}\n");
        var sim = Path.Combine(_dir, "sim");
        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", sim);
        Assert.That(exit, Is.Zero, err);

        var replayed = Path.Combine(_dir, "replayed");
        (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", replayed,
            "--set", "agent.kind=replay", "--set", $"agent.replay_path={Path.Combine(sim, "trajectories.jsonl")}");
        Assert.That(exit, Is.Zero, err);

        string[] columns = ["iteration", "task_id", "reward", "em", "f1"];
        Assert.That(Columns(Path.Combine(replayed, "episodes.csv"), columns), Is.EqualTo(Columns(Path.Combine(sim, "episodes.csv"), columns)));
        Assert.That(File.ReadAllText(Path.Combine(replayed, "trajectories.jsonl")), Is.EqualTo(File.ReadAllText(Path.Combine(sim, "trajectories.jsonl"))));
    }
}
