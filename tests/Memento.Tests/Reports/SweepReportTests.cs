using Memento.Cli.Running;
using Memento.Core.Results;
using Memento.Reports;
using NUnit.Framework;

namespace Memento.Tests.Reports;

public class SweepReportTests
{
    private string _root = "";

    [SetUp] public void SetUp() => _root = FakeFolders.NewTempDir();
    [TearDown] public void TearDown() => Directory.Delete(_root, recursive: true);

    // Listed out of policy order on purpose: the report must still put none before similarity before qnet.
    // With two seeds, ci95 = 1.96 · sd / √2 and sd = |a − b| / √2, so ci95 = 0.98 · |a − b|:
    // similarity iteration 2: 40 and 50 → mean 45, ci 9.8; none iteration 2: 22 and 26 → mean 24, ci 3.92.
    private string Sweep()
    {
        var sweep = Path.Combine(_root, "k4-policies");
        Directory.CreateDirectory(sweep);
        FakeFolders.OneSourceRun(sweep, "p0", "similarity", 30, 40);
        FakeFolders.OneSourceRun(sweep, "p1", "similarity", 34, 50);
        FakeFolders.OneSourceRun(sweep, "p2", "qnet", 25, 30);
        FakeFolders.OneSourceRun(sweep, "p3", "none", 20, 22);
        FakeFolders.OneSourceRun(sweep, "p4", "none", 24, 26);
        File.WriteAllLines(Path.Combine(sweep, "points.csv"),
        [
            "folder,series,seed",
            "p0,policy=similarity,1", "p1,policy=similarity,2", "p2,policy=qnet,1", "p3,policy=none,1", "p4,policy=none,2",
        ]);
        return sweep;
    }

    [Test]
    public void Summary_csv_averages_percentages_and_sums_counts_over_seeds()
    {
        var sweep = Sweep();
        SweepReport.Write(sweep, Plugins.All.Policies.Names);

        var rows = CsvFiles.Read<SweepSummaryRow>(Path.Combine(sweep, "summary.csv"));
        Assert.That(rows.Select(r => r.Series).Distinct(), Is.EqualTo(new[] { "policy=none", "policy=similarity", "policy=qnet" }));

        var sim = rows.Single(r => r.Series == "policy=similarity" && r.Iteration == 2 && r.Source == SummaryRow.AllSources);
        Assert.That(sim.Seeds, Is.EqualTo(2));
        Assert.That(sim.N, Is.EqualTo(200));
        Assert.That(sim.Correct, Is.EqualTo(90));
        Assert.That(sim.AccuracyPct, Is.EqualTo(45.0).Within(1e-9));
        Assert.That(sim.AccuracyCi95, Is.EqualTo(9.8).Within(1e-4));
        Assert.That(sim.EmPct, Is.EqualTo(40.0).Within(1e-9));
        Assert.That(sim.F1Pct, Is.EqualTo(50.0).Within(1e-9));

        var none = rows.Single(r => r.Series == "policy=none" && r.Iteration == 1 && r.Source == "nq");
        Assert.That((none.Seeds, none.N, none.Correct), Is.EqualTo((2, 200, 44)));
        Assert.That(none.AccuracyPct, Is.EqualTo(22.0).Within(1e-9));
        Assert.That(none.AccuracyCi95, Is.EqualTo(3.92).Within(1e-4));

        var qnet = rows.Single(r => r.Series == "policy=qnet" && r.Iteration == 2 && r.Source == SummaryRow.AllSources);
        Assert.That((qnet.Seeds, qnet.N, qnet.Correct, qnet.AccuracyCi95), Is.EqualTo((1, 100, 30, 0.0)));
    }

    [Test]
    public void Table_shows_mean_ci_and_counts_and_bolds_the_best_final_value()
    {
        var sweep = Sweep();
        SweepReport.Write(sweep, Plugins.All.Policies.Names);

        var lines = File.ReadAllLines(Path.Combine(sweep, "table.md"));
        Assert.That(lines[0], Does.Contain("k4-policies"));
        Assert.That(lines, Has.Some.Contains("mean over 1–2 seeds; ± is the 95% CI"));
        Assert.That(lines, Has.Some.EqualTo("| Series | Seeds | Iter. 1 | Iter. 2 |"));
        var body = lines.Where(l => l.StartsWith("| policy=", StringComparison.Ordinal)).ToList();
        Assert.That(body, Is.EqualTo(new[]
        {
            "| policy=none | 2 | 22.0 ± 3.9 (44/200) | 24.0 ± 3.9 (48/200) |",
            "| policy=similarity | 2 | 32.0 ± 3.9 (64/200) | **45.0 ± 9.8 (90/200)** |",
            "| policy=qnet | 1 | 25.0 (25/100) | 30.0 (30/100) |",
        }));
    }

    [Test]
    public void Title_uses_the_name_in_the_sweep_config()
    {
        var sweep = Sweep();
        File.WriteAllText(Path.Combine(sweep, "config.yaml"), "name: policy-grid\ngrid:\n  seed: [1, 2]\n");
        SweepReport.Write(sweep, Plugins.All.Policies.Names);

        Assert.That(File.ReadAllLines(Path.Combine(sweep, "table.md"))[0], Is.EqualTo("# Sweep policy-grid: accuracy % of all sources by iteration"));
    }

    [Test]
    public void Learning_curve_is_a_real_png()
    {
        var sweep = Sweep();
        SweepReport.Write(sweep, Plugins.All.Policies.Names);

        var png = Path.Combine(sweep, "learning_curve.png");
        Assert.That(FakeFolders.IsPng(png), Is.True);
        Assert.That(new FileInfo(png).Length, Is.GreaterThan(5_000));
    }

    [Test]
    public void Policies_keep_their_colour_whichever_series_share_the_sweep()
    {
        var full = new SeriesPalette(["policy=kernel", "policy=none", "policy=similarity"], Plugins.All.Policies.Names);
        var pair = new SeriesPalette(["policy=similarity", "k=8"], Plugins.All.Policies.Names);

        Assert.That(pair.ColorOf("policy=similarity"), Is.EqualTo(full.ColorOf("policy=similarity")));
        Assert.That(full.Order, Is.EqualTo(new[] { "policy=none", "policy=similarity", "policy=kernel" }));
        // Two series of one policy must still be told apart.
        var twice = new SeriesPalette(["policy=qnet,k=2", "policy=qnet,k=4"], Plugins.All.Policies.Names);
        Assert.That(twice.ColorOf("policy=qnet,k=2"), Is.Not.EqualTo(twice.ColorOf("policy=qnet,k=4")));
    }
}
