using System.Xml.Linq;
using Memento.Tests.Cli;
using NUnit.Framework;
using static Memento.Tests.Reports.PaperFakes;

namespace Memento.Tests.Reports;

/// <summary><c>memento table</c> and <c>memento plot</c> run in-process on hand-written folders.</summary>
public class PaperCommandsTests
{
    private string _root = "";

    [SetUp] public void SetUp() => _root = FakeFolders.NewTempDir();
    [TearDown] public void TearDown() => Directory.Delete(_root, recursive: true);

    /// <summary>Two policies × two seeds over two iterations and two sources, K = 4.</summary>
    private string Sweep()
    {
        var sweep = Path.Combine(_root, "sweep");
        var points = new List<(string, string, int)>();
        foreach (var (policy, boost) in new[] { ("none", 0), ("similarity", 3) })
            foreach (var seed in new[] { 1, 2 })
            {
                var folder = $"{policy}-{seed}";
                Run(Path.Combine(sweep, folder), policy,
                    Block(1, "nq", 3 + seed, 10).Concat(Block(1, "Bamboogle", 2, 5))
                        .Concat(Block(2, "nq", 3 + seed + boost, 10)).Concat(Block(2, "Bamboogle", 2 + boost / 2, 5)), seed: seed);
                points.Add((folder, $"policy={policy}", seed));
            }
        return Points(sweep, [.. points]);
    }

    [Test]
    public async Task Table_prints_the_tables_and_writes_them_into_tables_folder()
    {
        var sweep = Sweep();
        var (exit, stdout, stderr) = await CliRunner.RunAsync("table", sweep, "--counts");
        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("DeepResearcher F1 / PM by source"));
        Assert.That(stdout, Does.Contain("accuracy per iteration"));
        Assert.That(stdout, Does.Contain("(n=20)"));
        Assert.That(Directory.GetFiles(Path.Combine(sweep, "tables")).Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "continual.md", "continual_cumulative.md", "deepresearcher.md" }));

        (exit, stdout, _) = await CliRunner.RunAsync("table", sweep, "--format", "latex");
        Assert.That(exit, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("\\begin{tabular}"));
        Assert.That(File.Exists(Path.Combine(sweep, "tables", "deepresearcher.tex")));

        (exit, stdout, _) = await CliRunner.RunAsync("table", Path.Combine(sweep, "similarity-1"), "--format", "csv");
        Assert.That(exit, Is.EqualTo(0));
        Assert.That(stdout, Does.StartWith("# deepresearcher: "));
        Assert.That(File.ReadAllText(Path.Combine(sweep, "similarity-1", "tables", "continual.csv")), Does.StartWith("Memory design,Seeds,"));
    }

    [Test]
    public async Task Table_reports_bad_input_on_one_line_with_exit_code_2()
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync("table", Path.Combine(_root, "missing"));
        Assert.That((exit, stdout), Is.EqualTo((2, "")));
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr, Does.StartWith("error: "));

        (exit, _, stderr) = await CliRunner.RunAsync("table", _root);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("neither a sweep"));

        (exit, _, stderr) = await CliRunner.RunAsync("table", Sweep(), "--format", "xlsx");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--format"));
    }

    [Test]
    public async Task Plot_writes_valid_png_and_svg_figures()
    {
        var sweep = Sweep();
        var figures = Path.Combine(_root, "figs");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("plot", sweep, "--out", figures);
        Assert.That(exit, Is.EqualTo(0), stderr);
        var names = Directory.GetFiles(figures).Select(Path.GetFileName).Order().ToList();
        Assert.That(names, Is.EqualTo(new[]
        {
            "continual_cumulative.png", "continual_cumulative.svg", "continual_learning.png", "continual_learning.svg",
            "rolling_accuracy.png", "rolling_accuracy.svg",
        }));
        Assert.That(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(6));
        foreach (var png in Directory.GetFiles(figures, "*.png"))
        {
            Assert.That(FakeFolders.IsPng(png), png);
            Assert.That(PngSize(png), Is.EqualTo((1000, 560)), png);
        }
        foreach (var svg in Directory.GetFiles(figures, "*.svg"))
        {
            var root = XDocument.Load(svg).Root!;
            Assert.That(root.Name.LocalName, Is.EqualTo("svg"), svg);
            Assert.That(root.ToString(), Does.Contain("policy=similarity"), svg);
        }
    }

    [Test]
    public async Task Plot_draws_k_ood_gaia_and_training_figures_when_the_folder_holds_them()
    {
        var k = Path.Combine(_root, "k");
        Run(Path.Combine(k, "k0"), "similarity", Block(1, "nq", 2, 10), k: 0);
        Run(Path.Combine(k, "k2"), "similarity", Block(1, "nq", 5, 10), k: 2);
        Run(Path.Combine(k, "k8"), "similarity", Block(1, "nq", 4, 10), k: 8);
        File.WriteAllText(Path.Combine(k, "k2", "qnet_training.csv"), "episode,loss,auc\n1,0.7,\n2,0.6,0.55\n3,0.5,0.6\n");
        Points(k, ("k0", "k=0", 1), ("k2", "k=2", 1), ("k8", "k=8", 1));

        var ood = Path.Combine(_root, "ood");
        Run(Path.Combine(ood, "none"), "none", Block(1, "musique", 2, 10), frozen: true, seedBank: "b.jsonl");
        Run(Path.Combine(ood, "sim"), "similarity", Block(1, "musique", 6, 10), frozen: true, seedBank: "b.jsonl");
        Points(ood, ("none", "policy=none", 1), ("sim", "policy=similarity", 1));

        var gaia = Run(Path.Combine(_root, "gaia"), "similarity",
            [Ep(1, "a", "gaia", 1, level: "1"), Ep(1, "b", "gaia", 0, level: "2"), Ep(1, "c", "gaia", 1, level: "3")]);

        foreach (var (dir, expected) in new[] { (k, "k_sweep.png"), (k, "training_k_2.png"), (ood, "ood.png"), (gaia, "gaia_levels.png") })
        {
            var (exit, _, stderr) = await CliRunner.RunAsync("plot", dir);
            Assert.That(exit, Is.EqualTo(0), stderr);
            var png = Path.Combine(dir, "figures", expected);
            Assert.That(FakeFolders.IsPng(png), png);
            Assert.That(File.Exists(Path.ChangeExtension(png, ".svg")), png);
        }
    }

    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        static int BigEndian(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
        return (BigEndian(bytes, 16), BigEndian(bytes, 20));
    }
}
