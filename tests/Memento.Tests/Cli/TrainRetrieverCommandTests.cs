using System.Text.Json;
using NUnit.Framework;

namespace Memento.Tests.Cli;

public class TrainRetrieverCommandTests
{
    private static string Pairs => TestData.TrainingPairs;

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

    [Test]
    public async Task A_diverging_network_stops_with_exit_3_and_writes_no_checkpoint()
    {
        var dir = TestPaths.TempDir();
        var pairs = Path.Combine(dir, "pairs.jsonl");
        File.WriteAllLines(pairs, File.ReadLines(Pairs).Take(200));
        var output = Path.Combine(dir, "out");
        var (exit, _, err) = await CliRunner.RunAsync(["train-retriever", "--pairs", pairs, "--out", output, "--epochs", "1",
            "--set", $"memory.qnet.init={Memento.Tests.Learning.DivergenceTests.DivergedCheckpoint(dir)}", .. Memento.Tests.Learning.DivergenceTests.SmallShapeSets]);
        Assert.That(exit, Is.EqualTo(Memento.Cli.Commands.CliErrors.TrainingDiverged), err);
        Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1), err);
        Assert.That(err, Does.Match(@"^error: qnet loss became (NaN|infinite) \(optimiser step 1\) at epoch 1, batch 1; no checkpoint was written; lower memory\.qnet\.lr"));
        Assert.That(File.Exists(Path.Combine(output, "qnet.pt")), Is.False);
        Assert.That(File.Exists(Path.Combine(output, "metrics.json")), Is.False);
    }
}
