using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary><c>memento table A B</c> and <c>memento plot A B</c> compare independent runs in one table and one figure,
/// each series labelled with its folder's config name; captions say only what the table shows (issue 13, item 8).</summary>
public class CompareFoldersTests
{
    private static async Task<string> Run(string dir, string name, string policy)
    {
        var config = Path.Combine(dir, name + ".yaml");
        File.WriteAllText(config, $"name: {name}\ndataset: {{kind: synthetic, synthetic_tasks: 24}}\nmemory: {{policy: {policy}, k: 2}}\nschedule: {{iterations: 2}}\n");
        var output = Path.Combine(dir, name);
        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", output);
        Assert.That(exit, Is.Zero, err);
        return output;
    }

    [Test]
    public async Task Two_runs_share_one_table_and_one_figure_and_captions_are_true()
    {
        var dir = TestPaths.TempDir();
        var a = await Run(dir, "baseline", "none");
        var b = await Run(dir, "with-memory", "similarity");

        var (exit, stdout, err) = await CliRunner.RunAsync("table", a, b);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(CliRunner.Messages(err), Is.EqualTo(new[] { "error: comparing several folders: give --out DIR for the combined output" }));

        var tables = Path.Combine(dir, "tables");
        (exit, stdout, err) = await CliRunner.RunAsync("table", a, b, "--out", tables);
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout, Does.Contain("## baseline vs with-memory: F1 / PM by source\n"), "synthetic skills are not the paper's sources");
        Assert.That(stdout, Does.Not.Contain("DeepResearcher").And.Not.Contain("paper Table 1"));
        Assert.That(stdout, Does.Contain("| baseline: policy=none | 1 |").And.Contain("| with-memory: policy=similarity | 1 |"));
        Assert.That(stdout, Does.Contain("| baseline: policy=none | 1 | 25.0 | – |"), "one seed: no interval");
        Assert.That(stdout, Does.Not.Contain("± 0.0"));
        Assert.That(stdout, Does.Not.Contain("Counts:").And.Not.Contain("summed over seeds"), "no counts shown, none promised");
        Assert.That(File.Exists(Path.Combine(tables, "continual.md")), Is.True);

        (exit, stdout, err) = await CliRunner.RunAsync("table", a, b, "--out", tables, "--format", "csv");
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout, Does.Not.Contain("–"), "missing values are empty CSV cells");

        var figures = Path.Combine(dir, "figures");
        (exit, stdout, err) = await CliRunner.RunAsync("plot", a, b, "--out", figures);
        Assert.That(exit, Is.Zero, err);
        var svg = File.ReadAllText(Path.Combine(figures, "continual_learning.svg"));
        Assert.That(svg, Does.Contain("baseline: policy=none").And.Contain("with-memory: policy=similarity"));
    }
}
