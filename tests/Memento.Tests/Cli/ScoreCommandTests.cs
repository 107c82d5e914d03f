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
        var (exit, _, err) = await CliRunner.RunAsync("score", "--predictions", predictions, "--dataset", TestData.MementoJsonl);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain("'nq_999999'").And.Contain("not in the --dataset"));
    }

    [Test]
    public async Task Rows_from_the_memento_jsonl_copy_join_the_parquet_by_question_and_are_scored_per_source()
    {
        var dir = TestPaths.TempDir();
        var predictions = Write("memento-results.jsonl",
            "{\"id\":\"musique_58\",\"question\":\"Where do greyhound buses leave from in the location of the headquarters of the production company of Miss Spider's Sunny Patch Kids?\",\"pred_answer\":\"Toronto Coach Terminal\"}\n" +
            "{\"id\":\"nq_3\",\"question\":\"what's the difference between salisbury steak and hamburger steak\",\"pred_answer\":\"the sauce\"}\n");
        var outPath = Path.Combine(dir, "scored.jsonl");
        var (exit, stdout, err) = await CliRunner.RunAsync("score", "--predictions", predictions, "--out", outPath,
            "--dataset", TestData.DeepResearcherTest);
        Assert.That(exit, Is.Zero, err);
        var rows = File.ReadAllLines(outPath).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That((string)rows[0]["dataset_id"]!, Does.StartWith("musique_").And.Not.EqualTo("musique_58"), "joined by question text");
        Assert.That((string)rows[0]["source"]!, Is.EqualTo("musique"));
        Assert.That((int)rows[0]["em"]!, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("exact match: 50.0% (1/2)"));
        Assert.That(stdout, Does.Contain("  source:musique: 100.0% (1/1), F1 100.0%").And.Contain("  source:nq: 0.0% (0/1), F1 "));
        var summary = File.ReadAllLines(Path.Combine(dir, "scored.summary.csv"));
        Assert.That(summary[0], Is.EqualTo("group,n,correct,correct_pct,f1_pct"));
        Assert.That(summary.Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(new[] { "all", "source:musique", "source:nq" }));
    }

    [Test]
    public async Task Gaia_rows_are_scored_per_level()
    {
        var predictions = Write("levels.jsonl",
            "{\"task_id\":\"a\",\"model_answer\":\"1\",\"ground_truth\":\"1\",\"Level\":1}\n" +
            "{\"task_id\":\"b\",\"model_answer\":\"2\",\"ground_truth\":\"3\",\"Level\":2}\n");
        var (exit, stdout, err) = await CliRunner.RunAsync("score", "--predictions", predictions, "--scorer", "gaia");
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout, Does.Contain("  level:1: 100.0% (1/1)\n").And.Contain("  level:2: 0.0% (0/1)\n"));
    }
}
