using Memento.Core.Results;
using Memento.Reports;
using NUnit.Framework;

namespace Memento.Tests.Reports;

public class RunReportTests
{
    private string _root = "";

    [SetUp] public void SetUp() => _root = FakeFolders.NewTempDir();
    [TearDown] public void TearDown() => Directory.Delete(_root, recursive: true);

    // Two sources of 100 episodes each: iteration 1 nq 30 + hotpotqa 20 = 50/200, iteration 2 nq 45 + hotpotqa 35 = 80/200.
    private string TwoSourceRun() => FakeFolders.Run(_root, "run", "demo-run", "similarity", 4,
    [
        FakeFolders.Row(1, "hotpotqa", 20, 100, 18, 27),
        FakeFolders.Row(1, "nq", 30, 100, 27, 35),
        FakeFolders.Row(1, SummaryRow.AllSources, 50, 200, 22.5, 31),
        FakeFolders.Row(2, "hotpotqa", 35, 100, 30, 40),
        FakeFolders.Row(2, "nq", 45, 100, 41, 50),
        FakeFolders.Row(2, SummaryRow.AllSources, 80, 200, 35.5, 45),
    ]);

    [Test]
    public void Table_has_pooled_counts_and_one_column_per_source()
    {
        var run = TwoSourceRun();
        RunReport.Write(run);

        var lines = File.ReadAllLines(Path.Combine(run, "table.md"));
        Assert.That(lines[0], Is.EqualTo("# demo-run — policy similarity, k = 4"));
        Assert.That(lines, Has.Some.Contains("pooled over all episodes of the iteration"));
        Assert.That(lines, Has.Some.EqualTo(
            "| Iteration | Accuracy % (correct/n) | EM % | F1 % | hotpotqa acc. % (correct/n) | nq acc. % (correct/n) |"));
        Assert.That(lines, Has.Some.EqualTo("| 1 | 25.0 (50/200) | 22.5 | 31.0 | 20.0 (20/100) | 30.0 (30/100) |"));
        Assert.That(lines, Has.Some.EqualTo("| 2 | 40.0 (80/200) | 35.5 | 45.0 | 35.0 (35/100) | 45.0 (45/100) |"));        Assert.That(lines[^1], Is.EqualTo("Source: written by memento of unknown commit (no run.json)."), "a folder without provenance says so");
    }

    [Test]
    public void One_source_gets_no_per_source_columns()
    {
        var run = FakeFolders.OneSourceRun(_root, "solo", "none", 30, 36);
        RunReport.Write(run);

        var lines = File.ReadAllLines(Path.Combine(run, "table.md"));
        Assert.That(lines, Has.Some.EqualTo("| Iteration | Accuracy % (correct/n) | EM % | F1 % |"));
        Assert.That(lines, Has.Some.EqualTo("| 2 | 36.0 (36/100) | 31.0 | 41.0 |"));
    }

    [Test]
    public void Learning_curve_is_a_real_png()
    {
        var run = TwoSourceRun();
        RunReport.Write(run);

        var png = Path.Combine(run, "learning_curve.png");
        Assert.That(FakeFolders.IsPng(png), Is.True);
        Assert.That(new FileInfo(png).Length, Is.GreaterThan(5_000));
        Assert.That(File.Exists(Path.Combine(run, "qnet_training.png")), Is.False, "no qnet_training.csv, no plot");
    }

    [Test]
    public void Training_plot_is_written_when_the_policy_logged_training()
    {
        var run = TwoSourceRun();
        // AUC is empty until the learner has seen both rewards, as the learner writes it.
        var lines = new List<string> { "episode,loss,auc" };
        for (var e = 1; e <= 60; e++)
            lines.Add(FormattableString.Invariant($"{e},{0.7 * Math.Exp(-e / 30.0) + 0.2},{(e < 10 ? "" : (0.5 + 0.004 * e).ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
        File.WriteAllLines(Path.Combine(run, "qnet_training.csv"), lines);

        RunReport.Write(run);

        var png = Path.Combine(run, "qnet_training.png");
        Assert.That(FakeFolders.IsPng(png), Is.True);
        Assert.That(new FileInfo(png).Length, Is.GreaterThan(5_000));
    }
}
