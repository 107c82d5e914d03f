using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Data;
using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Data;

public class CsvAndJsonlReaderTests
{
    [Test]
    public void Simpleqa_csv_reads_problem_answer_and_topic()
    {
        var path = Path.Combine(TestPaths.TempDir(), "simple_qa_test_set.csv");
        File.WriteAllText(path,
            "metadata,problem,answer\n" +
            "\"{'topic': 'Science and technology', 'answer_type': 'Person', 'urls': ['https://a.org/x']}\",\"Who received the award in 2010?\",Michio Sugeno\n" +
            "\"{'topic': 'Art', 'answer_type': 'Date'}\",\"When was it painted, exactly?\",\"June 1890\"\n");
        var tasks = SimpleQaCsvReader.Read(path);
        Assert.That(tasks.Select(t => (t.Id, t.Question, t.GoldAnswers[0], t.Source)), Is.EqualTo(new[]
        {
            ("simpleqa_0", "Who received the award in 2010?", "Michio Sugeno", "Science and technology"),
            ("simpleqa_1", "When was it painted, exactly?", "June 1890", "Art"),
        }));
        Assert.That(tasks[0].Metadata!["answer_type"], Is.EqualTo("Person"));
        Assert.That(tasks[0].Metadata![SimpleQaCsvReader.MetadataKey], Does.StartWith("{'topic'"));
        var loaded = DatasetLoader.Load(DatasetConfig.ForFile("simpleqa", path) with { Sources = ["Art"] }, 1);
        Assert.That(loaded.Single().Id, Is.EqualTo("simpleqa_1"));
    }

    [Test]
    public void Simpleqa_csv_errors_name_file_and_column()
    {
        var path = Path.Combine(TestPaths.TempDir(), "qa.csv");
        File.WriteAllText(path, "question,answer\nq,a\n");
        Assert.That(Assert.Throws<MementoException>(() => SimpleQaCsvReader.Read(path))!.Message,
            Is.EqualTo(path + ": CSV column 'problem' is missing (the header has: question, answer)"));
        File.WriteAllText(path, "problem,answer\nq1,a1\nq2,\n");
        Assert.That(Assert.Throws<MementoException>(() => SimpleQaCsvReader.Read(path))!.Message,
            Is.EqualTo(path + ":3: missing value in column 'answer'"));
    }

    [Test]
    public void Generic_jsonl_uses_configured_field_names()
    {
        var path = Path.Combine(TestPaths.TempDir(), "custom.jsonl");
        File.WriteAllText(path,
            "{\"qid\":\"x1\",\"prompt\":\"Capital of France?\",\"gold\":[\"Paris\",\" Paris, France \"],\"bench\":\"geo\",\"difficulty\":2}\n" +
            "{\"qid\":7,\"prompt\":\"2+2?\",\"gold\":4,\"bench\":\"math\"}\n" +
            "{\"prompt\":\"Largest ocean?\",\"gold\":\"Pacific<|answer_split|>Pacific Ocean\"}\n");
        var fields = new DatasetFields("qid", "prompt", "gold", "bench", "difficulty");
        var tasks = GenericJsonlReader.Read(path, fields);
        Assert.That(tasks.Select(t => (t.Id, t.Source, string.Join("|", t.GoldAnswers), t.Level)), Is.EqualTo(new[]
        {
            ("x1", "geo", "Paris|Paris, France", (int?)2),
            ("7", "math", "4", null),
            ("custom_2", "custom", "Pacific|Pacific Ocean", null),
        }));
        var loaded = DatasetLoader.Load(DatasetConfig.ForFile("jsonl", path) with { Fields = fields }, 1);
        Assert.That(loaded, Has.Count.EqualTo(3));
    }

    [Test]
    public void Generic_jsonl_errors_name_file_line_and_field()
    {
        var path = Path.Combine(TestPaths.TempDir(), "custom.jsonl");
        File.WriteAllText(path, "{\"question\":\"q\",\"answer\":\"a\"}\n{\"question\":\"q2\"}\n");
        Assert.That(Assert.Throws<MementoException>(() => GenericJsonlReader.Read(path))!.Message, Is.EqualTo(path + ":2: missing field 'answer'"));
        File.WriteAllText(path, "{\"question\":\"q\",\"answer\":{\"a\":1}}\n");
        Assert.That(Assert.Throws<MementoException>(() => GenericJsonlReader.Read(path))!.Message, Does.StartWith(path + ":1: field 'answer' must be"));
        File.WriteAllText(path, "{\"question\":\"q\",\"answer\":\"a\",\"level\":\"hard\"}\n");
        Assert.That(Assert.Throws<MementoException>(() => GenericJsonlReader.Read(path))!.Message, Is.EqualTo(path + ":1: field 'level' must be an integer, got 'hard'"));
    }

    [Test]
    public async Task Another_kinds_file_read_as_jsonl_names_the_kind_that_reads_it()
    {
        var dir = TestPaths.TempDir();
        var cases = new[]
        {
            ("dr.jsonl", "{\"question\":\"q\",\"ground_truth\":\"a\",\"data_source\":\"nq\"}",
                ":1: missing field 'answer'; the row has the fields of a deepresearcher file: read it with dataset.kind: deepresearcher"),
            ("metadata.jsonl", "{\"task_id\":\"t\",\"Question\":\"q\",\"Level\":1,\"Final answer\":\"a\"}",
                ":1: missing field 'question'; the row has the fields of a gaia file: read it with dataset.kind: gaia"),
            ("bank.jsonl", "{\"question\":\"q\",\"plan\":\"p\",\"reward\":1}",
                ":1: missing field 'answer'; this is a casebank file, not a dataset of questions"),
        };
        foreach (var (name, row, expected) in cases)
        {
            var path = Path.Combine(dir, name);
            File.WriteAllText(path, row + "\n");
            var (exit, _, err) = await CliRunner.RunAsync("run", Path.Combine(TestPaths.RepoRoot, "configs", "quickstart.yaml"),
                "--set", "dataset.kind=jsonl", "--set", "dataset.path=" + path, "--out", Path.Combine(dir, "out"));
            Assert.That((exit, CliRunner.Messages(err).Single(m => !m.StartsWith("note:"))), Is.EqualTo((2, "error: " + path + expected)));
        }
    }

    [Test]
    public void Seeded_sample_is_reproducible_and_keeps_file_order()
    {
        var config = DatasetConfig.ForFile("deepresearcher", TestData.MementoJsonl) with { Sample = 50, SampleSeed = 3 };
        var a = DatasetLoader.Load(config, 1);
        var b = DatasetLoader.Load(config, 99);
        var c = DatasetLoader.Load(config with { SampleSeed = 4 }, 1);
        Assert.That(a, Has.Count.EqualTo(50));
        Assert.That(a.Select(t => t.Id), Is.EqualTo(b.Select(t => t.Id)), "the experiment seed does not change the sample");
        Assert.That(a.Select(t => t.Id), Is.Not.EqualTo(c.Select(t => t.Id)));
        var all = MementoJsonlReader.Read(TestData.MementoJsonl).Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i);
        Assert.That(a.Select(t => all[t.Id]), Is.Ordered.Ascending);
        Assert.That(a.Select(t => t.Source).Distinct().Count(), Is.GreaterThan(3));
    }
}
