using System.Diagnostics;
using System.Text;
using Memento.Core.Data;
using Memento.Tests.Data;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>
/// The issue's bad-input corpus, item by item, through <c>memento run</c> (and <c>memento score</c> for predictions):
/// each is one line on stderr naming the file, line or row, field and what was expected; exit code 2; no stack trace;
/// no results folder. Inputs that are odd but valid (BOM, CRLF, a 10 MB line, repeated questions) read normally.
/// </summary>
public class BadInputTests
{
    private const string Nq = "{\"question\":\"q\",\"ground_truth\":\"a\",\"data_source\":\"nq\"}";

    /// <summary>Writes <paramref name="file"/> and a config reading it as <paramref name="kind"/>, runs it with the
    /// <paramref name="sets"/> overrides, and checks the exit code, the single line and that no results folder was made.</summary>
    private static async Task<string> RunExpectingError(string kind, string file, Action<string> write, params string[] sets)
    {
        var dir = TestPaths.TempDir();
        var path = Path.Combine(dir, file);
        write(path);
        var config = Path.Combine(dir, "config.yaml");
        File.WriteAllText(config, $"name: corpus\ndataset: {{kind: {kind}, path: {path}}}\n");
        var outDir = Path.Combine(dir, "results");
        var (exit, _, err) = await CliRunner.RunAsync(["run", config, "--out", outDir, .. sets.SelectMany(set => new[] { "--set", set })]);
        Assert.That(exit, Is.EqualTo(2), err);
        AssertOneLine(err);
        Assert.That(Directory.Exists(outDir), Is.False, "nothing is written before the input is known to be good");
        return err.TrimEnd();
    }

    private static void AssertOneLine(string err)
    {
        Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1), err);
        Assert.That(err, Does.StartWith("error: ").And.Not.Contain("   at "));
    }

    private static Action<string> Text(string text) => path => File.WriteAllText(path, text);

    // ---- configs ----

    [TestCase("memory: {kk: 4}", "config: unknown key 'memory.kk'; allowed here: policy, k,")]
    [TestCase("memory: {k: four}", "config: memory.k = 'four' is invalid; expected an integer")]
    [TestCase("memory: {k: -1}", "config: memory.k = '-1' is invalid; expected an integer in [0, 64]")]
    [TestCase("schedule: {parallelism: 0}", "config: schedule.parallelism = '0' is invalid; expected an integer in [1, 1024]")]
    [TestCase("memory: {policy: magic}", "config: memory.policy = 'magic' is invalid; expected one of none | random | similarity | qnet | kernel")]
    [TestCase("agent: {kind: gpt}", "config: agent.kind = 'gpt' is invalid; expected one of sim | llm | replay")]
    public async Task Config_errors_name_the_key_the_value_and_what_was_expected(string yaml, string expected)
    {
        var dir = TestPaths.TempDir();
        var config = Path.Combine(dir, "config.yaml");
        File.WriteAllText(config, "dataset: {kind: synthetic, synthetic_tasks: 10}\n" + yaml + "\n");
        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", Path.Combine(dir, "results"));
        Assert.That(exit, Is.EqualTo(2), err);
        AssertOneLine(err);
        Assert.That(err, Does.StartWith("error: " + expected));
        Assert.That(Directory.Exists(Path.Combine(dir, "results")), Is.False);
    }

    // ---- datasets ----

    [Test]
    public async Task Broken_json_on_line_2_names_file_and_line() =>
        Assert.That(await RunExpectingError("deepresearcher", "data.jsonl", Text(Nq + "\n{\"question\": oops}\n")),
            Does.Contain("data.jsonl:2: invalid JSON"));

    [Test]
    public async Task Empty_jsonl_file_is_named() =>
        Assert.That(await RunExpectingError("deepresearcher", "data.jsonl", Text("")), Does.EndWith("data.jsonl: the dataset file has no rows"));

    [Test]
    public async Task Missing_field_names_file_line_and_field() =>
        Assert.That(await RunExpectingError("deepresearcher", "data.jsonl", Text(Nq + "\n{\"question\":\"q2\",\"data_source\":\"nq\"}\n")),
            Does.EndWith("data.jsonl:2: missing string field 'ground_truth'"));

    [Test]
    public async Task Empty_csv_and_header_only_csv_are_named()
    {
        Assert.That(await RunExpectingError("simpleqa", "qa.csv", Text("")), Does.EndWith("qa.csv: the dataset file is empty (expected a header with columns problem, answer)"));
        Assert.That(await RunExpectingError("simpleqa", "qa.csv", Text("problem,answer\n")), Does.EndWith("qa.csv: the dataset file has no rows"));
    }

    [Test]
    public async Task Duplicate_ids_name_both_lines_in_every_reader_that_has_ids()
    {
        Assert.That(await RunExpectingError("jsonl", "tasks.jsonl",
                Text("{\"id\":\"x\",\"question\":\"q\",\"answer\":\"a\"}\n{\"id\":\"x\",\"question\":\"q2\",\"answer\":\"b\"}\n")),
            Does.EndWith("tasks.jsonl:2: duplicate id 'x' (also line 1)"));
        Assert.That(await RunExpectingError("simpleqa", "qa.csv", Text("id,problem,answer\nx,q,a\nx,q2,b\n")),
            Does.EndWith("qa.csv:3: duplicate id 'x'"));
        Assert.That(await RunExpectingError("gaia", "metadata.jsonl",
                Text("{\"task_id\":\"t\",\"Question\":\"q\",\"Level\":1,\"Final answer\":\"a\"}\n{\"task_id\":\"t\",\"Question\":\"q2\",\"Level\":1,\"Final answer\":\"b\"}\n"),
                "judge.kind=gaia"),
            Does.EndWith("metadata.jsonl:2: duplicate task_id 't' (also line 1)"));
        Assert.That(await RunExpectingError("gaia", "metadata.parquet",
                path => ParquetFixtures.WriteStrings(path, ("task_id", ["t", "t"]), ("Question", ["q", "q2"]), ("Level", ["1", "2"]), ("Final answer", ["a", "b"])),
                "judge.kind=gaia"),
            Does.Contain("metadata.parquet").And.Contain("duplicate task_id 't' (also row 0)"));
        Assert.That(await RunExpectingError("deepresearcher", "dr.parquet",
                path => ParquetFixtures.WriteDeepResearcher(path, ("nq", "Who?", "A", "nq_1"), ("nq", "Who else?", "B", "nq_1"))),
            Does.EndWith("dr.parquet: row 1, column 'extra_info.index': duplicate task id 'nq_1' (also row 0)"));
    }

    [Test]
    public void Memento_jsonl_has_no_id_column_so_a_repeated_row_is_a_second_task_with_its_own_id()
    {
        var path = Path.Combine(TestPaths.TempDir(), "data.jsonl");
        File.WriteAllText(path, Nq + "\n" + Nq + "\n");
        Assert.That(MementoJsonlReader.Read(path).Select(t => t.Id), Is.EqualTo(new[] { "nq_0", "nq_1" }));
    }

    [Test]
    public async Task Wrong_parquet_columns_name_the_file_and_the_column()
    {
        var err = await RunExpectingError("deepresearcher", "wrong.parquet",
            path => ParquetFixtures.WriteStrings(path, ("data_source", ["nq"]), ("question", ["q?"])));
        Assert.That(err, Does.Contain("wrong.parquet: parquet column 'reward_model.ground_truth' is missing").And.Contain("data_source, question"));
    }

    [Test]
    public async Task Unknown_source_tag_names_it_and_lists_the_known_ones() =>
        Assert.That(await RunExpectingError("deepresearcher", "data.jsonl", Text(Nq + "\n"), "dataset.sources=[NQ]"),
            Is.EqualTo("error: config: dataset.sources = 'NQ' is invalid; expected one of nq"));

    [Test]
    public void Bom_and_crlf_read_like_plain_lines_in_jsonl_and_csv()
    {
        var dir = TestPaths.TempDir();
        var bom = Encoding.UTF8.GetPreamble();
        var jsonl = Path.Combine(dir, "data.jsonl");
        File.WriteAllBytes(jsonl, [.. bom, .. Encoding.UTF8.GetBytes(Nq + "\r\n" + Nq.Replace("\"q\"", "\"q2\"") + "\r\n")]);
        Assert.That(MementoJsonlReader.Read(jsonl).Select(t => (t.Question, t.GoldAnswers[0])), Is.EqualTo(new[] { ("q", "a"), ("q2", "a") }));
        var csv = Path.Combine(dir, "qa.csv");
        File.WriteAllBytes(csv, [.. bom, .. Encoding.UTF8.GetBytes("problem,answer\r\nq,a\r\nq2,b\r\n")]);
        Assert.That(SimpleQaCsvReader.Read(csv).Select(t => (t.Question, t.GoldAnswers[0])), Is.EqualTo(new[] { ("q", "a"), ("q2", "b") }));
    }

    [Test]
    public async Task A_10_mb_line_reads_whole_and_a_broken_one_is_a_short_error()
    {
        var huge = new string('x', 10 * 1024 * 1024);
        var path = Path.Combine(TestPaths.TempDir(), "data.jsonl");
        File.WriteAllText(path, Nq + "\n" + $"{{\"question\":\"{huge}\",\"ground_truth\":\"a\",\"data_source\":\"nq\"}}\n");
        var clock = Stopwatch.StartNew();
        Assert.That(MementoJsonlReader.Read(path)[1].Question, Has.Length.EqualTo(huge.Length));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));

        var err = await RunExpectingError("deepresearcher", "broken.jsonl", Text(Nq + "\n" + $"{{\"question\":\"{huge}\n"));
        Assert.That(err, Does.Contain("broken.jsonl:2: invalid JSON"));
        Assert.That(err, Has.Length.LessThan(1000), "the message never echoes the line");
    }

    [Test]
    public async Task An_unwritable_results_folder_is_one_line()
    {
        var config = Path.Combine(TestPaths.TempDir(), "config.yaml");
        File.WriteAllText(config, "dataset: {kind: synthetic, synthetic_tasks: 10}\n");
        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", "/proc/memento-results");
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(err);
        Assert.That(err, Does.Contain("/proc/memento-results"));
    }

    [Test]
    public async Task An_unknown_bench_part_is_one_line_before_anything_is_measured()
    {
        var (exit, stdout, err) = await CliRunner.RunAsync("bench", "--only", "sweep", "--only", "gpu");
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(err);
        Assert.That(err, Does.Contain("--only: 'gpu' is not a part of bench; expected one of encode | loop | retrieval | llm | sweep"));
        Assert.That(stdout, Is.Empty);
    }

    // ---- case banks ----

    [TestCase("{\"question\":\"q2\",\"reward\":1}", "bank.jsonl:2: missing field 'plan'")]
    [TestCase("{\"question\":\"q2\",\"plan\":null,\"reward\":1}", "bank.jsonl:2: field 'plan' must be a string or a JSON object or list, got null")]
    [TestCase("{\"question\":\"q2\",\"plan\":5,\"reward\":1}", "bank.jsonl:2: field 'plan' must be a string or a JSON object or list, got 5")]
    [TestCase("{\"question\":\"q2\",\"plan\":\"p\",\"reward\":2}", "bank.jsonl:2: field 'reward' must be 0 or 1, got 2")]
    [TestCase("{\"case\":\"q2\",\"plan\":\"p\",\"case_label\":\"maybe\"}", "bank.jsonl:2: field 'case_label' must be positive or negative, got 'maybe'")]
    [TestCase("{\"question\":\"q2\",\"plan\":\"p\"", "bank.jsonl:2: invalid JSON")]
    public async Task A_seed_bank_with_a_malformed_case_names_file_line_and_field(string line, string expected)
    {
        var dir = TestPaths.TempDir();
        var bank = Path.Combine(dir, "bank.jsonl");
        File.WriteAllText(bank, "{\"question\":\"q\",\"plan\":\"p\",\"reward\":1}\n" + line + "\n");
        var config = Path.Combine(dir, "config.yaml");
        File.WriteAllText(config, $"dataset: {{kind: synthetic, synthetic_tasks: 10}}\nmemory: {{seed_bank: {bank}}}\n");
        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", Path.Combine(dir, "results"));
        Assert.That(exit, Is.EqualTo(2), err);
        AssertOneLine(err);
        Assert.That(err, Does.Contain(expected));
        Assert.That(Directory.Exists(Path.Combine(dir, "results")), Is.False);
    }

    // ---- predictions for memento score ----

    [TestCase("", "p.jsonl: the predictions file has no rows")]
    [TestCase("{\"id\":\"x\",\"pred_answer\":\"a\",\"ground_truth\":\"a\"}\n{\"id\": oops}\n", "p.jsonl:2: invalid JSON")]
    [TestCase("{\"pred_answer\":\"a\",\"ground_truth\":\"a\"}\n", "p.jsonl:1: no 'id', 'task_id' or 'question' field to identify the row")]
    [TestCase("{\"id\":\"x\",\"ground_truth\":\"a\"}\n", "p.jsonl:1: missing the answer: expected one of")]
    [TestCase("{\"id\":\"x\",\"pred_answer\":\"a\"}\n", "p.jsonl:1: missing 'ground_truth' (or pass --dataset to join gold answers by id)")]
    [TestCase("[1, 2]\n", "p.jsonl:1: expected a JSON object")]
    public async Task Bad_predictions_name_file_line_and_field(string text, string expected)
    {
        var predictions = Path.Combine(TestPaths.TempDir(), "p.jsonl");
        File.WriteAllText(predictions, text);
        var (exit, _, err) = await CliRunner.RunAsync("score", "--predictions", predictions);
        Assert.That(exit, Is.EqualTo(2), err);
        AssertOneLine(err);
        Assert.That(err, Does.Contain(expected));
    }

    [Test]
    public async Task A_missing_predictions_file_is_named()
    {
        var predictions = Path.Combine(TestPaths.TempDir(), "none.jsonl");
        var (exit, _, err) = await CliRunner.RunAsync("score", "--predictions", predictions);
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(err);
        Assert.That(err, Does.Contain("not found: " + predictions));
    }
}
