using System.Text.Json;
using NUnit.Framework;

namespace Memento.Tests.Cli;

public class TrainRetrieverCommandTests
{
    private static string Pairs => Path.Combine(TestPaths.SharedDatasets, "memento", "training_data.jsonl");

    [Test]
    public async Task Trains_on_memento_pairs_and_writes_metrics_and_a_checkpoint()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "retriever");
        var (exit, stdout, err) = await CliRunner.RunAsync("train-retriever", "--pairs", Pairs, "--split-by", "query", "--val-ratio", "0.2", "--seed", "42", "--epochs", "1", "--out", dir);
        Assert.That(exit, Is.Zero, err);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json")));
        Assert.That(metrics.RootElement.GetProperty("val_auc").GetDouble(), Is.InRange(0.0, 1.0));
        Assert.That(metrics.RootElement.GetProperty("val_auc_cosine").GetDouble(), Is.InRange(0.0, 1.0));
        Assert.That(File.Exists(Path.Combine(dir, "qnet.pt")), Is.True);
        Assert.That(stdout, Does.Contain("epoch 1/1").And.Contain("best held-out AUC"));
    }

    [Test]
    public async Task A_row_split_is_refused_because_it_leaks()
    {
        var (exit, _, err) = await CliRunner.RunAsync("train-retriever", "--pairs", Pairs, "--split-by", "row", "--out", TestPaths.TempDir());
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain("leaks"));
    }
}
