using Memento.Cli.Running;
using System.Text.Json;
using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Data;
using Memento.Core.Judging;
using Memento.Core.Tasks;
using NUnit.Framework;

namespace Memento.Tests.Data;

/// <summary>GAIA itself is gated: these tests write small GAIA-format files of their own.</summary>
public class GaiaReaderTests
{
    private static string Row(string id, string question, object level, string? answer, string fileName = "", object? annotator = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["task_id"] = id, ["Question"] = question, ["Level"] = level, ["Final answer"] = answer, ["file_name"] = fileName,
            ["Annotator Metadata"] = annotator ?? new Dictionary<string, string> { ["Steps"] = "1. search", ["Number of steps"] = "1" },
        });

    private static string WriteValidation(out string dir)
    {
        dir = TestPaths.TempDir();
        File.WriteAllText(Path.Combine(dir, "sheet.xlsx"), "fake spreadsheet");
        var path = Path.Combine(dir, "metadata.jsonl");
        File.WriteAllLines(path,
        [
            Row("c61d22de-5f6c-4958-a7f6-5e9707bd3466", "How many studio albums?", 1, "3"),
            Row("0-0-0-0-0", "placeholder", 1, "?"),
            Row("17b5a6a3-bc87-42e8-b0fb-6ab0781ef2cc", "What is in the sheet?", "2", "89706.00", "sheet.xlsx"),
            Row("04a04a9b-226c-43fd-b319-d5e89743676f", "List the fruits.", 3, "apple, banana; pear"),
        ]);
        return path;
    }

    [Test]
    public void Reads_fields_levels_attachments_and_skips_the_placeholder()
    {
        var path = WriteValidation(out var dir);
        var tasks = GaiaReader.Read(path);
        Assert.That(tasks.Select(t => t.Id), Is.EqualTo(new[]
        {
            "c61d22de-5f6c-4958-a7f6-5e9707bd3466", "17b5a6a3-bc87-42e8-b0fb-6ab0781ef2cc", "04a04a9b-226c-43fd-b319-d5e89743676f",
        }));
        Assert.That(tasks.Select(t => t.Level), Is.EqualTo(new int?[] { 1, 2, 3 }));
        Assert.That(tasks.Select(t => t.Source), Is.EqualTo(new[] { "gaia-L1", "gaia-L2", "gaia-L3" }));
        Assert.That(tasks[0].Question, Is.EqualTo("How many studio albums?"));
        Assert.That(tasks[0].GoldAnswers, Is.EqualTo(new[] { "3" }));
        Assert.That(tasks[0].Attachments, Is.Empty);
        Assert.That(tasks[1].Attachments, Is.EqualTo(new[] { Path.Combine(dir, "sheet.xlsx") }));
        Assert.That(tasks[1].Metadata![GaiaReader.FileNameKey], Is.EqualTo("sheet.xlsx"));
        Assert.That(JsonDocument.Parse(tasks[0].Metadata![GaiaReader.AnnotatorMetadataKey]).RootElement.GetProperty("Number of steps").GetString(), Is.EqualTo("1"));
        Assert.That(tasks[2].GoldAnswers, Is.EqualTo(new[] { "apple, banana; pear" }), "GAIA's answer is one string, not split");
    }

    [Test]
    public void Missing_attachment_is_an_error_naming_it_unless_score_wrong()
    {
        var path = WriteValidation(out var dir);
        File.Delete(Path.Combine(dir, "sheet.xlsx"));
        var e = Assert.Throws<MementoException>(() => GaiaReader.Read(path))!;
        Assert.That(e.Message, Does.StartWith(path + ":3: attachment 'sheet.xlsx' of task '17b5a6a3-bc87-42e8-b0fb-6ab0781ef2cc' not found: " + Path.Combine(dir, "sheet.xlsx")));

        var tasks = GaiaReader.Read(path, MissingAttachments.ScoreWrong);
        var task = tasks.Single(t => t.Level == 2);
        Assert.That(task.Attachments, Is.Empty);
        Assert.That(task.Metadata![GaiaReader.MissingAttachmentKey], Is.EqualTo("sheet.xlsx"));
        var judge = new GaiaJudge();
        Assert.That(judge.JudgeAsync(task, "89706", default).Result, Is.EqualTo(new Judgement(false, 0, null)), "scored wrong even when right");
    }

    [Test]
    public void Test_split_hidden_answers_are_kept_flagged_and_never_scored()
    {
        var path = Path.Combine(TestPaths.TempDir(), "metadata.jsonl");
        File.WriteAllLines(path, [Row("a", "Q1?", 1, "?"), Row("b", "Q2?", 2, "?")]);
        var tasks = GaiaReader.Read(path);
        Assert.That(tasks, Has.Count.EqualTo(2));
        Assert.That(tasks.All(t => t.Metadata![GaiaReader.HiddenAnswerKey] == "true"), Is.True);
        // the official scorer alone would accept "?" (and even "" or "!") against a "?" ground truth: the judge must not
        var judged = new GaiaJudge().JudgeAsync(tasks[0], "?", default).Result;
        Assert.That(judged, Is.EqualTo(new Judgement(false, 0, null, GaiaJudge.HiddenAnswerError)));
        Assert.That(RewardRule.Reward("em", judged), Is.Null, "unscored: no reward, no case, out of the summaries");
        Assert.That(GaiaJudge.IsScorable(tasks[0]), Is.False);
    }

    [Test]
    public void Judge_applies_the_official_quasi_exact_match()
    {
        var tasks = GaiaReader.Read(WriteValidation(out _));
        var judge = new GaiaJudge();
        Judgement J(int i, string? answer) => judge.JudgeAsync(tasks[i], answer!, default).Result;
        Assert.That(J(0, "3.0"), Is.EqualTo(new Judgement(true, 1, null)));
        Assert.That(J(0, "three"), Is.EqualTo(new Judgement(false, 0, null)));
        Assert.That(J(1, "$89,706"), Is.EqualTo(new Judgement(true, 1, null)));
        Assert.That(J(2, "Apple,banana;PEAR").ExactMatch, Is.True);
        Assert.That(J(2, "apple, banana").ExactMatch, Is.False, "list lengths differ");
        Assert.That(J(2, "apple, banana, pear.").ExactMatch, Is.False, "list elements keep punctuation");
        Assert.That(J(0, null).ExactMatch, Is.False, "a null answer is scored as 'None'");
    }

    [Test]
    public void Bad_rows_name_file_line_and_field()
    {
        var path = Path.Combine(TestPaths.TempDir(), "metadata.jsonl");
        File.WriteAllLines(path, [Row("a", "Q?", 4, "x")]);
        Assert.That(Assert.Throws<MementoException>(() => GaiaReader.Read(path))!.Message, Is.EqualTo(path + ":1: field 'Level' must be 1, 2 or 3, got '4'"));
        File.WriteAllLines(path, ["{\"task_id\":\"a\",\"Level\":1,\"Final answer\":\"x\"}"]);
        Assert.That(Assert.Throws<MementoException>(() => GaiaReader.Read(path))!.Message, Is.EqualTo(path + ":1: missing string field 'Question'"));
        File.WriteAllLines(path, [Row("a", "Q?", 1, null)]);
        Assert.That(Assert.Throws<MementoException>(() => GaiaReader.Read(path))!.Message, Does.StartWith(path + ":1: missing field 'Final answer'"));
        File.WriteAllLines(path, [Row("a", "Q?", 1, "x"), Row("a", "Q again?", 1, "y")]);
        Assert.That(Assert.Throws<MementoException>(() => GaiaReader.Read(path))!.Message, Is.EqualTo(path + ":2: duplicate task_id 'a' (also line 1)"));
        File.WriteAllLines(path, [Row("0-0-0-0-0", "placeholder", 1, "?")]);
        Assert.That(Assert.Throws<MementoException>(() => GaiaReader.Read(path))!.Message, Does.Contain("no GAIA tasks"));
    }

    [TestCase("../secret.txt")]
    [TestCase("files/../../secret.txt")]
    [TestCase("/etc/hostname")]
    public void A_file_name_that_leaves_the_dataset_folder_is_refused_even_when_the_file_exists(string fileName)
    {
        var root = TestPaths.TempDir();
        var dir = Directory.CreateDirectory(Path.Combine(root, "validation")).FullName;
        File.WriteAllText(Path.Combine(root, "secret.txt"), "not for the agent");
        var path = Path.Combine(dir, "metadata.jsonl");
        File.WriteAllLines(path, [Row("a", "Q?", 1, "x", fileName)]);
        foreach (var missing in new[] { MissingAttachments.Error, MissingAttachments.ScoreWrong })
            Assert.That(Assert.Throws<MementoException>(() => GaiaReader.Read(path, missing))!.Message, Is.EqualTo(
                $"{path}:1: field 'file_name' of task 'a' must name a file in the dataset folder {dir}, got '{fileName}' (absolute paths and '..' are refused)"));
    }

    [Test]
    public void A_file_name_in_a_subfolder_of_the_dataset_folder_is_read()
    {
        var dir = TestPaths.TempDir();
        Directory.CreateDirectory(Path.Combine(dir, "files"));
        File.WriteAllText(Path.Combine(dir, "files", "a.txt"), "text");
        var path = Path.Combine(dir, "metadata.jsonl");
        File.WriteAllLines(path, [Row("a", "Q?", 1, "x", "files/./a.txt")]);
        Assert.That(GaiaReader.Read(path)[0].Attachments, Is.EqualTo(new[] { Path.Combine(dir, "files", "a.txt") }));
    }

    [Test]
    public void Parquet_metadata_is_read_like_the_jsonl()
    {
        var dir = TestPaths.TempDir();
        File.WriteAllText(Path.Combine(dir, "a.png"), "png");
        var path = Path.Combine(dir, "metadata.parquet");
        ParquetFixtures.WriteStrings(path,
            ("task_id", ["t1", "0-0-0-0-0", "t2"]),
            ("Question", ["Q1?", "placeholder", "Q2?"]),
            ("Level", ["1", "1", "3"]),
            ("Final answer", ["42", "?", "?"]),
            ("file_name", ["", null, "a.png"]));
        var tasks = GaiaReader.Read(path);
        Assert.That(tasks.Select(t => (t.Id, t.Question, t.Level, t.GoldAnswers[0], t.Attachments!.Count)),
            Is.EqualTo(new[] { ("t1", "Q1?", (int?)1, "42", 0), ("t2", "Q2?", (int?)3, "?", 1) }));
        Assert.That(GaiaJudge.IsScorable(tasks[1]), Is.False);

        ParquetFixtures.WriteMixed(path, ("task_id", new[] { "t1" }), ("Question", new[] { "Q1?" }), ("Level", new[] { 2 }), ("Final answer", new[] { "42" }));
        Assert.That(GaiaReader.Read(path).Single().Level, Is.EqualTo(2), "an integer Level column is accepted");

        ParquetFixtures.WriteStrings(path, ("task_id", ["t1"]), ("Question", ["Q1?"]), ("Final answer", ["42"]));
        Assert.That(Assert.Throws<MementoException>(() => GaiaReader.Read(path))!.Message, Does.StartWith(path + ": parquet column 'Level' is missing"));
    }

    [Test]
    public void Loader_filters_levels_and_reads_the_missing_attachment_setting_from_config()
    {
        var path = WriteValidation(out var dir);
        File.Delete(Path.Combine(dir, "sheet.xlsx"));
        var config = DatasetConfig.ForFile("gaia", path) with { Levels = [1, 2], MissingAttachments = "score-wrong" };
        var tasks = DatasetLoader.Load(config, 1);
        Assert.That(tasks.Select(t => t.Level), Is.EqualTo(new int?[] { 1, 2 }));
        Assert.That(Assert.Throws<MementoException>(() => DatasetLoader.Load(config with { MissingAttachments = "error" }, 1))!.Message, Does.Contain("sheet.xlsx"));
        var l3 = DatasetLoader.Load(config with { Levels = [3], Sources = ["gaia-L3"] }, 1);
        Assert.That(l3.Single().Id, Is.EqualTo("04a04a9b-226c-43fd-b319-d5e89743676f"));
    }

    [Test]
    public void Config_binds_the_dataset_section()
    {
        var dir = TestPaths.TempDir();
        var yaml = Path.Combine(dir, "c.yaml");
        File.WriteAllText(yaml, "dataset:\n  kind: gaia\n  path: m.jsonl\n  levels: [1, 3]\n  missing_attachments: score-wrong\n  sample: 5\n  sample_seed: 9\njudge:\n  kind: gaia\n");
        var config = ConfigLoader.Load(Plugins.All, yaml).Config;
        Assert.That(config.Dataset.Levels, Is.EqualTo(new[] { 1, 3 }));
        Assert.That(config.Dataset.MissingAttachments, Is.EqualTo("score-wrong"));
        Assert.That((config.Dataset.Sample, config.Dataset.SampleSeed), Is.EqualTo((5, 9)));
        Assert.That(config.Judge.Kind, Is.EqualTo("gaia"));
        Assert.That(config.Dataset.Fields, Is.EqualTo(DatasetFields.Default));

        File.WriteAllText(yaml, "dataset:\n  kind: jsonl\n  path: x.jsonl\n  fields: {question: prompt, answer: gold}\n");
        Assert.That(ConfigLoader.Load(Plugins.All, yaml).Config.Dataset.Fields, Is.EqualTo(DatasetFields.Default with { Question = "prompt", Answer = "gold" }));

        File.WriteAllText(yaml, "dataset:\n  kind: gaia\n  path: m.jsonl\n  levels: [4]\n");
        Assert.That(Assert.Throws<MementoException>(() => ConfigLoader.Load(Plugins.All, yaml))!.Message, Does.Contain("dataset.levels = '4'"));
        File.WriteAllText(yaml, "dataset:\n  kind: gaia\n  path: m.jsonl\n  missing_attachments: ignore\n");
        Assert.That(Assert.Throws<MementoException>(() => ConfigLoader.Load(Plugins.All, yaml))!.Message, Does.Contain("dataset.missing_attachments = 'ignore'"));
        File.WriteAllText(yaml, "dataset:\n  kind: jsonl\n  path: x.jsonl\n  fields: {questoin: q}\n");
        Assert.That(Assert.Throws<MementoException>(() => ConfigLoader.Load(Plugins.All, yaml))!.Message, Does.Contain("dataset.fields.questoin"));
    }
}
