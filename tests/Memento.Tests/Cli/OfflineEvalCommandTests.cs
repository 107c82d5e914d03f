using Memento.Tests.Learning;
using NUnit.Framework;

namespace Memento.Tests.Cli;

public class OfflineEvalCommandTests
{
    [Test]
    public async Task Writes_a_captioned_markdown_table_and_a_csv()
    {
        var dir = TestPaths.TempDir();
        var output = Path.Combine(dir, "out");
        var (exit, stdout, err) = await CliRunner.RunAsync("offline-eval", "--pairs", OfflineEvaluationTests.PartnerWorldPairs(dir, queries: 96),
            "--split-by", "query", "--seed", "1", "--epochs", "1", "--encoders", "tfidf", "--out", output,
            "--set", "memory.qnet.buckets=4096", "--set", "memory.qnet.embedding_dim=16", "--set", "memory.qnet.hidden=32");
        Assert.That(exit, Is.Zero, err);
        var markdown = File.ReadAllText(Path.Combine(output, "offline-eval.md"));
        Assert.That(markdown, Does.Contain("weak, confounded signal").And.Contain("| kernel | tfidf |").And.Contain("| random | - |"));
        var csv = File.ReadAllLines(Path.Combine(output, "offline-eval.csv"));
        Assert.That(csv[0], Does.Contain("held_out_auc").And.Contain("pooled_top_k_precision"));
        Assert.That(csv, Has.Length.EqualTo(1 + 5));
        Assert.That(File.Exists(Path.Combine(output, "qnet-hashed-tfidf", "metrics.json")), Is.True);
        Assert.That(stdout, Does.Contain("held-out AUC"));
    }

    [Test]
    public async Task Bad_options_are_one_line_and_exit_2()
    {
        var dir = TestPaths.TempDir();
        var pairs = OfflineEvaluationTests.PartnerWorldPairs(dir, queries: 24);
        var (exit, _, err) = await CliRunner.RunAsync("offline-eval", "--pairs", pairs, "--split-by", "row", "--out", dir);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain("leaks"));
        (exit, _, err) = await CliRunner.RunAsync("offline-eval", "--pairs", pairs, "--k", "0", "--out", dir);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--k 0"));
    }
}
