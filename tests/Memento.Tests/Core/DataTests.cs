using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Data;
using Memento.Core.Memory;
using NUnit.Framework;

namespace Memento.Tests.Core;

public class DataTests
{
    [Test]
    public void Reads_the_memento_jsonl_copy_of_the_deepresearcher_test_set()
    {
        var tasks = MementoJsonlReader.Read(TestData.MementoJsonl);
        Assert.That(tasks, Has.Count.EqualTo(3197));
        var bySource = tasks.GroupBy(t => t.Source).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(bySource["nq"], Is.EqualTo(512));
        Assert.That(bySource["Bamboogle"], Is.EqualTo(125));
        Assert.That(tasks.Any(t => t.GoldAnswers.Count > 1), Is.True, "alternatives are split on <|answer_split|>");
        Assert.That(tasks.Select(t => t.Id).Distinct().Count(), Is.EqualTo(3197));
    }

    [Test]
    public void Source_filter_and_limit_per_source()
    {
        var config = DatasetConfig.ForFile("deepresearcher", TestData.MementoJsonl) with { Sources = ["nq", "Bamboogle"], LimitPerSource = 10 };
        var tasks = DatasetLoader.Load(config, 1);
        Assert.That(tasks.GroupBy(t => t.Source).ToDictionary(g => g.Key, g => g.Count()), Is.EqualTo(new Dictionary<string, int> { ["nq"] = 10, ["Bamboogle"] = 10 }));
        var bad = config with { Sources = ["nq", "NQ"] };
        Assert.That(Assert.Throws<MementoException>(() => DatasetLoader.Load(bad, 1))!.Message, Does.Contain("'NQ'").And.Contain("Bamboogle"));
    }

    [Test]
    public void Broken_json_names_file_and_line()
    {
        var path = Path.Combine(TestPaths.TempDir(), "bad.jsonl");
        File.WriteAllText(path, "{\"question\":\"q\",\"ground_truth\":\"a\",\"data_source\":\"nq\"}\n{not json\n");
        var e = Assert.Throws<MementoException>(() => MementoJsonlReader.Read(path))!;
        Assert.That(e.Message, Does.StartWith(path + ":2: invalid JSON"));
    }

    [Test]
    public void Missing_field_names_file_line_and_field()
    {
        var path = Path.Combine(TestPaths.TempDir(), "bad.jsonl");
        File.WriteAllText(path, "\uFEFF{\"question\":\"q\",\"data_source\":\"nq\"}\r\n");
        var e = Assert.Throws<MementoException>(() => MementoJsonlReader.Read(path))!;
        Assert.That(e.Message, Is.EqualTo(path + ":1: missing string field 'ground_truth'"));
    }

    [Test]
    public void Case_bank_round_trips_and_reads_both_memento_formats()
    {
        var bank = new CaseBank();
        bank.Write("q1", "{\"plan\":[]}", 1, "t1", "nq");
        bank.Write("q2, with \"quotes\"", "plan 2", 0);
        var path = Path.Combine(TestPaths.TempDir(), "casebank.jsonl");
        CaseBankFile.Write(path, bank);
        var back = new CaseBank();
        CaseBankFile.ReadInto(path, back);
        Assert.That(back.Cases, Is.EqualTo(bank.Cases));

        var memory = new CaseBank();
        CaseBankFile.ReadInto(TestData.CaseBank, memory);
        Assert.That(memory.Count, Is.EqualTo(1278));
        Assert.That(memory.Cases.Count(c => c.Reward == 1), Is.EqualTo(897));

        var dummy = new CaseBank();
        CaseBankFile.ReadInto(TestData.DummyMemo, dummy);
        Assert.That(dummy.Count, Is.EqualTo(8));
    }

    [Test]
    public void Case_bank_rejects_a_bad_label_with_file_and_line()
    {
        var path = Path.Combine(TestPaths.TempDir(), "bank.jsonl");
        File.WriteAllText(path, "{\"case\":\"q\",\"plan\":\"p\",\"case_label\":\"maybe\"}\n");
        var e = Assert.Throws<MementoException>(() => CaseBankFile.ReadInto(path, new CaseBank()))!;
        Assert.That(e.Message, Is.EqualTo(path + ":1: field 'case_label' must be positive or negative, got 'maybe'"));
    }
}
