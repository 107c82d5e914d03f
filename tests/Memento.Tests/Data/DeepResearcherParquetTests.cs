using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Data;
using Memento.Core.Scoring;
using Memento.Core.Tasks;
using NUnit.Framework;

namespace Memento.Tests.Data;

public class DeepResearcherParquetTests
{
    private static string TestParquet => TestData.DeepResearcherTest;
    private static string DevParquet => TestData.DeepResearcherDev;

    private static readonly Lazy<IReadOnlyList<QaTask>> Test = new(() => DeepResearcherParquetReader.Read(TestParquet));

    [Test]
    public void Test_set_has_3197_tasks_in_seven_sources()
    {
        var tasks = Test.Value;
        Assert.That(tasks, Has.Count.EqualTo(3197));
        var bySource = tasks.GroupBy(t => t.Source).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(bySource, Is.EqualTo(new Dictionary<string, int>
        {
            ["nq"] = 512, ["tq"] = 512, ["hotpotqa"] = 512, ["2wiki"] = 512, ["musique"] = 512, ["popqa"] = 512, ["Bamboogle"] = 125,
        }));
        Assert.That(tasks.Select(t => t.Id).Distinct().Count(), Is.EqualTo(3197));
        Assert.That(tasks.All(t => t.Id.StartsWith(t.Source + "_", StringComparison.Ordinal)), Is.True, "extra_info.index is <source>_<id>");
    }

    [Test]
    public void First_rows_carry_question_answers_id_and_split()
    {
        var first = Test.Value[0];
        Assert.That(first.Id, Is.EqualTo("2wiki_db6a0c8c0bdd11eba7f7acde48001122"));
        Assert.That(first.Source, Is.EqualTo("2wiki"));
        Assert.That(first.Question, Does.StartWith("What is the date of birth of Millicent Leveson-Gower, Duchess Of Sutherland's hu"));
        Assert.That(first.GoldAnswers, Is.EqualTo(new[] { "20 July 1851" }));
        Assert.That(first.Metadata!["split"], Is.EqualTo("dev"));
        var second = Test.Value[1];
        Assert.That(second.Id, Is.EqualTo("popqa_3474310"));
        Assert.That(second.Question, Is.EqualTo("What is the capital of Columbia County?"));
        Assert.That(second.GoldAnswers, Is.EqualTo(new[] { "Bloomsburg", "The Only Town in Pennsylvania", "Eyersburg" }));
    }

    [Test]
    public void Dev_set_has_125_per_source()
    {
        var tasks = DeepResearcherParquetReader.Read(DevParquet);
        Assert.That(tasks, Has.Count.EqualTo(875));
        Assert.That(tasks.GroupBy(t => t.Source).Select(g => g.Count()), Is.All.EqualTo(125));
        Assert.That(tasks.Select(t => t.Source).Distinct().Count(), Is.EqualTo(7));
    }

    [Test]
    public void Jsonl_copy_has_the_same_questions_in_the_same_order_and_differs_only_in_row_468s_answer()
    {
        var parquet = Test.Value;
        var jsonl = MementoJsonlReader.Read(TestData.MementoJsonl);
        Assert.That(jsonl, Has.Count.EqualTo(parquet.Count));
        var answerDiffs = new List<int>();
        for (var i = 0; i < parquet.Count; i++)
        {
            Assert.That(jsonl[i].Question, Is.EqualTo(parquet[i].Question), $"row {i}");
            Assert.That(jsonl[i].Source, Is.EqualTo(parquet[i].Source), $"row {i}");
            if (!jsonl[i].GoldAnswers.SequenceEqual(parquet[i].GoldAnswers)) answerDiffs.Add(i);
        }
        Assert.That(answerDiffs, Is.EqualTo(new[] { 468 }));
        Assert.That(parquet[468].Source, Is.EqualTo("nq"));
        Assert.That(parquet[468].Question, Does.Contain("cellulose").IgnoreCase);
    }

    [Test]
    public void Rule_scores_on_real_rows()
    {
        var row = Test.Value[1]; // Bloomsburg | The Only Town in Pennsylvania | Eyersburg
        Assert.That(DeepResearcherScorer.ExactMatch("bloomsburg.", row.GoldAnswers), Is.True);
        Assert.That(DeepResearcherScorer.ExactMatch("Bloomsburg, Pennsylvania", row.GoldAnswers), Is.False);
        // {bloomsburg, pennsylvania} vs {bloomsburg}: P = 1/2, R = 1 → 2/3; vs {the, only, town, in, pennsylvania}: P = 1/2, R = 1/5 → 2/7
        Assert.That(DeepResearcherScorer.F1("Bloomsburg, Pennsylvania", row.GoldAnswers), Is.EqualTo(2.0 / 3).Within(1e-12));
    }

    [Test]
    public void Dataset_loader_picks_the_reader_by_extension()
    {
        var config = DatasetConfig.ForFile("deepresearcher", TestParquet) with { Sources = ["Bamboogle", "nq"], LimitPerSource = 3 };
        var tasks = DatasetLoader.Load(config, 1);
        Assert.That(tasks.GroupBy(t => t.Source).ToDictionary(g => g.Key, g => g.Count()),
            Is.EqualTo(new Dictionary<string, int> { ["nq"] = 3, ["Bamboogle"] = 3 }));
        var expected = Test.Value.Where(t => t.Source == "nq").Take(3).Select(t => t.Id);
        Assert.That(tasks.Where(t => t.Source == "nq").Select(t => t.Id), Is.EqualTo(expected), "ids come from extra_info.index, first N in file order");
        var jsonl = DatasetLoader.Load(config with { Path = TestData.MementoJsonl }, 1);
        Assert.That(jsonl.Where(t => t.Source == "nq").Select(t => t.Question), Is.EqualTo(tasks.Where(t => t.Source == "nq").Select(t => t.Question)));
    }

    [Test]
    public void Written_file_round_trips_and_a_missing_answer_names_row_and_column()
    {
        var path = Path.Combine(TestPaths.TempDir(), "dr.parquet");
        ParquetFixtures.WriteDeepResearcher(path, ("nq", "Who?", "A<|answer_split|>B", "nq_1"), ("tq", "What?", "C", "tq_9"));
        var tasks = DeepResearcherParquetReader.Read(path);
        Assert.That(tasks.Select(t => (t.Id, t.Question, string.Join("|", t.GoldAnswers), t.Source)),
            Is.EqualTo(new[] { ("nq_1", "Who?", "A|B", "nq"), ("tq_9", "What?", "C", "tq") }));

        ParquetFixtures.WriteDeepResearcher(path, ("nq", "Who?", "A", "nq_1"), ("tq", "What?", null, "tq_9"));
        Assert.That(Assert.Throws<MementoException>(() => DeepResearcherParquetReader.Read(path))!.Message,
            Is.EqualTo(path + ": row 1, column 'reward_model.ground_truth': missing value"));

        ParquetFixtures.WriteDeepResearcher(path, ("nq", "Who?", "A", "nq_1"), ("nq", "Who else?", "B", "nq_1"));
        Assert.That(Assert.Throws<MementoException>(() => DeepResearcherParquetReader.Read(path))!.Message,
            Is.EqualTo(path + ": row 1, column 'extra_info.index': duplicate task id 'nq_1' (also row 0)"));
    }

    [Test]
    public void Missing_column_names_the_file_and_column()
    {
        var path = Path.Combine(TestPaths.TempDir(), "wrong.parquet");
        ParquetFixtures.WriteStrings(path, ("data_source", ["nq"]), ("question", ["q?"]));
        var e = Assert.Throws<MementoException>(() => DeepResearcherParquetReader.Read(path))!;
        Assert.That(e.Message, Does.StartWith(path + ": parquet column 'reward_model.ground_truth' is missing"));
        Assert.That(e.Message, Does.Contain("data_source, question"));
    }

    [Test]
    public void Wrong_column_type_names_the_file_and_column()
    {
        var path = Path.Combine(TestPaths.TempDir(), "typed.parquet");
        ParquetFixtures.WriteMixed(path, ("data_source", new[] { 7 }));
        var e = Assert.Throws<MementoException>(() => DeepResearcherParquetReader.Read(path))!;
        Assert.That(e.Message, Is.EqualTo(path + ": parquet column 'data_source' has type Int32, expected a string"));
    }

    [Test]
    public void Not_a_parquet_file_is_a_user_error()
    {
        var path = Path.Combine(TestPaths.TempDir(), "fake.parquet");
        File.WriteAllText(path, "this is not parquet at all, just text that is long enough");
        var e = Assert.Throws<MementoException>(() => DeepResearcherParquetReader.Read(path))!;
        Assert.That(e.Message, Does.StartWith(path + ": not a readable parquet file"));
        Assert.That(Assert.Throws<MementoException>(() => DeepResearcherParquetReader.Read(path + ".nope"))!.Message, Does.Contain("not found"));
    }
}
