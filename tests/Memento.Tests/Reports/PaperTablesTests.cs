using Memento.Cli.Running;
using Memento.Reports;
using NUnit.Framework;
using static Memento.Tests.Reports.PaperFakes;

namespace Memento.Tests.Reports;

public class PaperTablesTests
{
    private string _root = "";

    [SetUp] public void SetUp() => _root = FakeFolders.NewTempDir();
    [TearDown] public void TearDown() => Directory.Delete(_root, recursive: true);

    private static PaperTable Single(IReadOnlyList<PaperTable> tables, string id) => tables.Single(t => t.Id == id);

    private static TableCell Cell(PaperTable table, int row, string header) => table.Rows[row][table.Headers.ToList().IndexOf(header)];

    // nq: F1 1, 1, 0, 0.5 → 62.5 %; Bamboogle: F1 1, 1 → 100 %. Plain mean of sources = (62.5 + 100) / 2 = 81.25;
    // weighted by size = (2.5 + 2) / 6 = 75. Sources come in the paper's order (NQ before Bamboogle) whatever the file order.
    [Test]
    public void DeepResearcher_table_gives_plain_and_weighted_averages_and_a_dash_without_pm()
    {
        var run = Run(Path.Combine(_root, "run"), "similarity",
        [
            Ep(1, "b1", "Bamboogle", 1), Ep(1, "n1", "nq", 1), Ep(1, "n2", "nq", 1), Ep(1, "n3", "nq", 0),
            Ep(1, "n4", "nq", 0, f1: 0.5), Ep(1, "b2", "Bamboogle", 1),
        ]);
        var table = Single(PaperTables.Build(ResultFolder.Load(run)), "deepresearcher");

        Assert.That(table.Headers.Skip(2).Take(4), Is.EqualTo(new[] { "NQ F1", "NQ PM", "Bamboogle F1", "Bamboogle PM" }));
        Assert.That(table.Rows, Has.Count.EqualTo(1));
        Assert.That(table.Rows[0][0].Text, Is.EqualTo("policy=similarity"));
        Assert.That(Cell(table, 0, "NQ F1").Mean, Is.EqualTo(62.5).Within(1e-9));
        Assert.That(Cell(table, 0, "Bamboogle F1").Mean, Is.EqualTo(100).Within(1e-9));
        Assert.That(Cell(table, 0, "Avg F1 (plain mean of sources)").Mean, Is.EqualTo(81.25).Within(1e-9));
        Assert.That(Cell(table, 0, "Avg F1 (weighted by source size)").Mean, Is.EqualTo(75).Within(1e-9));
        Assert.That(Cell(table, 0, "NQ PM").Text, Is.EqualTo("–"));
        Assert.That(Cell(table, 0, "Avg PM (weighted by source size)").Text, Is.EqualTo("–"));
        Assert.That(TableRenderer.Render(table, "md", counts: true), Does.Contain("| 62.5 (n=4) | – |"), "one seed: no ±");
        Assert.That(table.Title, Does.EndWith(": DeepResearcher F1 / PM by source (paper Table 1 layout)"), "nq and Bamboogle are the paper's sources");
        var csv = TableRenderer.Render(table, "csv", counts: false);
        Assert.That(csv, Does.Not.Contain("–"), "a missing value is an empty CSV cell");
        Assert.That(csv.Split('\n')[1], Does.StartWith("policy=similarity,1,62.5,,,100,,"));
        Assert.That(TableRenderer.Render(table, "md", counts: false), Does.Not.Contain("Counts:").And.Not.Contain("(n=4)"));
        Assert.That(TableRenderer.Render(table, "md", counts: true), Does.Contain("Counts: (n=episodes) for F1"));
    }

    // PM judged on every episode: nq 1,0,0 → 33.3 % (1/3); tq 1 → 100 % (1/1). Plain 66.67, weighted 2/4 = 50.
    [Test]
    public void DeepResearcher_table_reports_pm_with_counts_when_judged()
    {
        var run = Run(Path.Combine(_root, "run"), "none",
            [Ep(1, "a", "nq", 1, pm: true), Ep(1, "b", "nq", 0, pm: false), Ep(1, "c", "nq", 0, pm: false), Ep(1, "d", "tq", 1, pm: true)]);
        var table = Single(PaperTables.Build(ResultFolder.Load(run)), "deepresearcher");
        Assert.That(Cell(table, 0, "NQ PM").Mean, Is.EqualTo(100.0 / 3).Within(1e-9));
        Assert.That(Cell(table, 0, "NQ PM").Count, Is.EqualTo("(1/3)"));
        Assert.That(Cell(table, 0, "Avg PM (plain mean of sources)").Mean, Is.EqualTo(200.0 / 3).Within(1e-9));
        Assert.That(Cell(table, 0, "Avg PM (weighted by source size)").Mean, Is.EqualTo(50).Within(1e-9));
        Assert.That(Cell(table, 0, "Avg PM (weighted by source size)").Count, Is.EqualTo("(2/4)"));
    }

    // Three attempts per task. L1: task a 1 of 3 correct, task b 0 of 3 → Pass@1 = (1/3 + 0)/2 = 16.67 %, Pass@3 = 1/2.
    // L2: task c 3 of 3 → 100 % both. All tasks: Pass@1 = (1/3 + 0 + 1)/3 = 44.44 %, Pass@3 = 2/3 = 66.67 %.
    [Test]
    public void Gaia_table_separates_pass_at_1_from_pass_at_n_per_level()
    {
        var episodes = new List<Memento.Core.Results.EpisodeRecord>();
        foreach (var attempt in new[] { 1, 2, 3 })
        {
            episodes.Add(Ep(1, "a", "gaia", attempt == 2 ? 1 : 0, level: "1", attempt: attempt));
            episodes.Add(Ep(1, "b", "gaia", 0, level: "1", attempt: attempt));
            episodes.Add(Ep(1, "c", "gaia", 1, level: "2", attempt: attempt));
        }
        var run = Run(Path.Combine(_root, "gaia"), "similarity", episodes, attempts: 3);
        var tables = PaperTables.Build(ResultFolder.Load(run));
        Assert.That(tables.Select(t => t.Id), Does.Not.Contain("deepresearcher"));
        var table = Single(tables, "gaia");

        Assert.That(Cell(table, 0, "L1 Pass@1").Mean, Is.EqualTo(100.0 / 6).Within(1e-9));
        Assert.That(Cell(table, 0, "L1 Pass@1").Count, Is.EqualTo("(1/6)"));
        Assert.That(Cell(table, 0, "L1 Pass@3").Mean, Is.EqualTo(50).Within(1e-9));
        Assert.That(Cell(table, 0, "L1 Pass@3").Count, Is.EqualTo("(1/2)"));
        Assert.That(Cell(table, 0, "L2 Pass@1").Mean, Is.EqualTo(100).Within(1e-9));
        Assert.That(Cell(table, 0, "L3 Pass@1").Text, Is.EqualTo("–"));
        Assert.That(Cell(table, 0, "Avg Pass@1").Mean, Is.EqualTo(400.0 / 9).Within(1e-9));
        Assert.That(Cell(table, 0, "Avg Pass@3").Mean, Is.EqualTo(200.0 / 3).Within(1e-9));
        Assert.That(Cell(table, 0, "Avg Pass@3").Count, Is.EqualTo("(2/3)"));
    }

    // Two seeds of similarity: iteration 2 accuracy 40 % and 50 % → mean 45, CI = 1.96 · sd / √2 = 0.98 · |a − b| = 9.8.
    // Cumulative: seed 1 solves tasks {0..3} of 10 in iteration 1 and {0..3} again in iteration 2 → 40 %, 40 %.
    [Test]
    public void Continual_tables_aggregate_seeds_as_mean_and_95_ci()
    {
        var sweep = Path.Combine(_root, "sweep");
        Run(Path.Combine(sweep, "s1"), "similarity", Block(1, "nq", 3, 10).Concat(Block(2, "nq", 4, 10)), seed: 1);
        Run(Path.Combine(sweep, "s2"), "similarity", Block(1, "nq", 3, 10).Concat(Block(2, "nq", 5, 10)), seed: 2);
        Run(Path.Combine(sweep, "n1"), "none", Block(1, "nq", 2, 10).Concat(Block(2, "nq", 2, 10)), seed: 1);
        Points(sweep, ("s1", "policy=similarity", 1), ("s2", "policy=similarity", 2), ("n1", "policy=none", 1));
        var tables = PaperTables.Build(ResultFolder.Load(sweep, Plugins.All.Policies.Names));

        var perIteration = Single(tables, "continual");
        Assert.That(perIteration.Rows.Select(r => r[0].Text), Is.EqualTo(new[] { "policy=none", "policy=similarity" }));
        var sim = Cell(perIteration, 1, "Iter. 2");
        Assert.That(sim.Mean, Is.EqualTo(45).Within(1e-9));
        Assert.That(sim.Ci, Is.EqualTo(9.8).Within(1e-9));
        Assert.That(sim.Count, Is.EqualTo("(9/20)"));
        Assert.That(sim.Bold, Is.True);
        Assert.That(Cell(perIteration, 0, "Iter. 2").Ci, Is.Null, "one seed of none: no interval");

        var cumulative = Single(tables, "continual_cumulative");
        Assert.That(Cell(cumulative, 1, "Iter. 1").Mean, Is.EqualTo(30).Within(1e-9));
        Assert.That(Cell(cumulative, 1, "Iter. 2").Mean, Is.EqualTo(45).Within(1e-9));
        Assert.That(Cell(cumulative, 1, "Iter. 2").Count, Is.EqualTo("(9/20)"));
    }

    [Test]
    public void K_sweep_table_has_sources_as_rows_and_k_as_columns()
    {
        var sweep = Path.Combine(_root, "k");
        Run(Path.Combine(sweep, "k0"), "similarity", Block(1, "nq", 2, 10).Concat(Block(1, "tq", 1, 10)), k: 0);
        Run(Path.Combine(sweep, "k4"), "similarity", Block(1, "nq", 6, 10).Concat(Block(1, "tq", 4, 10)), k: 4);
        Points(sweep, ("k0", "k=0", 1), ("k4", "k=4", 1));
        var table = Single(PaperTables.Build(ResultFolder.Load(sweep, Plugins.All.Policies.Names)), "k_sweep");

        Assert.That(table.Headers, Is.EqualTo(new[] { "Source", "K=0", "K=4" }));
        Assert.That(table.Rows.Select(r => r[0].Text),
            Is.EqualTo(new[] { "NQ", "TQ", "Avg (plain mean of sources)", "Avg (weighted by source size)" }));
        Assert.That(table.Rows[0][2].Mean, Is.EqualTo(60).Within(1e-9));
        Assert.That(table.Rows[2][1].Mean, Is.EqualTo(15).Within(1e-9));
        Assert.That(table.Rows[2][2].Bold, Is.True);
    }

    // Without memory 20 %, with the frozen bank 50 % on musique → Δ = 30.
    [Test]
    public void Ood_table_compares_frozen_memory_with_no_memory_per_source()
    {
        var sweep = Path.Combine(_root, "ood");
        Run(Path.Combine(sweep, "none"), "none", Block(1, "musique", 2, 10).Concat(Block(1, "popqa", 5, 10)), frozen: true, seedBank: "bank.jsonl");
        Run(Path.Combine(sweep, "sim"), "similarity", Block(1, "musique", 5, 10).Concat(Block(1, "popqa", 5, 10)), frozen: true, seedBank: "bank.jsonl");
        Points(sweep, ("none", "policy=none", 1), ("sim", "policy=similarity", 1));
        var table = Single(PaperTables.Build(ResultFolder.Load(sweep, Plugins.All.Policies.Names)), "ood");

        Assert.That(table.Headers, Is.EqualTo(new[]
            { "OOD source", "F1 without memory (policy=none)", "F1 with memory (policy=similarity)", "Δ (policy=similarity)" }));
        Assert.That(table.Rows[0][0].Text, Is.EqualTo("MuSiQue"));
        Assert.That(table.Rows[0].Skip(1).Select(c => c.Mean), Is.EqualTo(new double?[] { 20, 50, 30 }).Within(1e-9));
        Assert.That(table.Rows[1][3].Mean, Is.EqualTo(0).Within(1e-9));
    }

    [Test]
    public void A_sweep_without_a_frozen_bank_is_no_ood_result_and_one_k_is_no_k_sweep()
    {
        var sweep = Path.Combine(_root, "plain");
        Run(Path.Combine(sweep, "none"), "none", Block(1, "nq", 2, 10));
        Run(Path.Combine(sweep, "sim"), "similarity", Block(1, "nq", 5, 10));
        Points(sweep, ("none", "policy=none", 1), ("sim", "policy=similarity", 1));
        Assert.That(PaperTables.Build(ResultFolder.Load(sweep, Plugins.All.Policies.Names)).Select(t => t.Id), Is.EqualTo(new[] { "deepresearcher" }));
    }

    [Test]
    public void Csv_splits_value_ci_and_count_and_latex_escapes_and_bolds()
    {
        var sweep = Path.Combine(_root, "fmt");
        Run(Path.Combine(sweep, "a"), "similarity", Block(1, "nq", 4, 10).Concat(Block(2, "nq", 4, 10)), seed: 1);
        Run(Path.Combine(sweep, "b"), "similarity", Block(1, "nq", 4, 10).Concat(Block(2, "nq", 5, 10)), seed: 2);
        Points(sweep, ("a", "policy=similarity", 1), ("b", "policy=similarity", 2));
        var table = Single(PaperTables.Build(ResultFolder.Load(sweep, Plugins.All.Policies.Names)), "continual");

        var csv = TableRenderer.Render(table, "csv", counts: true).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(csv[0].TrimEnd(), Is.EqualTo("Memory design,Seeds,Iter. 1,Iter. 1_ci95,Iter. 1_count,Iter. 2,Iter. 2_ci95,Iter. 2_count"));
        Assert.That(csv[1].TrimEnd(), Is.EqualTo("policy=similarity,2,40,0,8/20,45,9.8,9/20"));
        Assert.That(TableRenderer.Render(table, "csv", counts: false).Split('\n')[0].TrimEnd(),
            Is.EqualTo("Memory design,Seeds,Iter. 1,Iter. 1_ci95,Iter. 2,Iter. 2_ci95"));

        var latex = TableRenderer.Render(table, "latex", counts: true);
        Assert.That(latex, Does.Contain("\\begin{tabular}{lrrr}"));
        Assert.That(latex, Does.Contain("policy=similarity & 2 & 40.0 $\\pm$ 0.0 (8/20) & 45.0 $\\pm$ 9.8 (9/20) \\\\"));
        Assert.That(latex, Does.Contain("Accuracy \\%"));
        Assert.That(latex, Does.Not.Contain("±"));
    }
}
