using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Memento.Tests.Cli;

public class ScoreCommandTests
{
    private static string Write(string name, string text)
    {
        var path = Path.Combine(TestPaths.TempDir(), name);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public async Task Memento_result_rows_score_with_em_and_f1_as_they_are()
    {
        var predictions = Write("results.jsonl",
            "{\"question\":\"Who?\",\"pred_answer\":\"The Beatles\",\"ground_truth\":\"Beatles<|answer_split|>the beatles\"}\n" +
            "{\"question\":\"Where?\",\"pred_answer\":\"big apple\",\"ground_truth\":\"the big apple\"}\n");
        var outPath = Path.Combine(TestPaths.TempDir(), "scored.jsonl");
        var (exit, stdout, err) = await CliRunner.RunAsync("score", "--predictions", predictions, "--out", outPath);
        Assert.That(exit, Is.Zero, err);
        var rows = File.ReadAllLines(outPath).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That((int)rows[0]["em"]!, Is.EqualTo(1));
        Assert.That((int)rows[1]["em"]!, Is.EqualTo(0));
        Assert.That((double)rows[1]["f1"]!, Is.EqualTo(0.8).Within(1e-12));
        Assert.That(stdout, Does.Contain("exact match: 50.0% (1/2)"));
    }

    [Test]
    public async Task A_gaia_submission_is_joined_with_its_metadata_by_task_id()
    {
        var dir = TestPaths.TempDir();
        var metadata = Path.Combine(dir, "metadata.jsonl");
        File.WriteAllText(metadata,
            "{\"task_id\":\"a1\",\"Question\":\"How much?\",\"Level\":1,\"Final answer\":\"1000\",\"file_name\":\"\",\"Annotator Metadata\":{}}\n" +
            "{\"task_id\":\"b2\",\"Question\":\"Which?\",\"Level\":2,\"Final answer\":\"red, green\",\"file_name\":\"\",\"Annotator Metadata\":{}}\n");
        var predictions = Write("submission.jsonl",
            "{\"task_id\":\"a1\",\"model_answer\":\"$1,000\",\"reasoning_trace\":\"...\"}\n" +
            "{\"task_id\":\"b2\",\"model_answer\":\"red; blue\"}\n");
        var outPath = Path.Combine(dir, "scored.jsonl");
        var (exit, stdout, err) = await CliRunner.RunAsync("score", "--predictions", predictions, "--scorer", "gaia", "--dataset", metadata, "--out", outPath);
        Assert.That(exit, Is.Zero, err);
        var rows = File.ReadAllLines(outPath).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That((bool)rows[0]["gaia_correct"]!, Is.True);
        Assert.That((bool)rows[1]["gaia_correct"]!, Is.False);
        Assert.That(stdout, Does.Contain("(1/2)"));
    }

    [Test]
    public async Task An_id_missing_from_the_dataset_is_named()
    {
        var predictions = Write("p.jsonl", "{\"id\":\"nq_999999\",\"pred_answer\":\"a\"}\n");
        var (exit, _, err) = await CliRunner.RunAsync("score", "--predictions", predictions, "--dataset", TestPaths.MementoJsonl);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain("'nq_999999'").And.Contain("not in the --dataset"));
    }
}
