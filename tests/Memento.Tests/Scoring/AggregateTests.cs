using Memento.Core.Scoring;
using NUnit.Framework;

namespace Memento.Tests.Scoring;

public class AggregateTests
{
    [Test]
    public void Simpleqa_metrics_follow_simple_evals()
    {
        // 6 correct, 2 incorrect, 2 not attempted: accuracy 0.6, given attempted 0.75, F1 = 2·0.75·0.6 / 1.35 = 2/3
        var grades = Enumerable.Repeat(SimpleQaGrade.Correct, 6).Concat(Enumerable.Repeat(SimpleQaGrade.Incorrect, 2))
            .Concat(Enumerable.Repeat(SimpleQaGrade.NotAttempted, 2));
        var m = SimpleQaMetrics.From(grades);
        Assert.That((m.Total, m.Correct, m.Incorrect, m.NotAttempted, m.Attempted), Is.EqualTo((10, 6, 2, 2, 8)));
        Assert.That(m.Accuracy, Is.EqualTo(0.6).Within(1e-12));
        Assert.That(m.AccuracyGivenAttempted, Is.EqualTo(0.75).Within(1e-12));
        Assert.That(m.F1, Is.EqualTo(2.0 / 3).Within(1e-12));

        var none = SimpleQaMetrics.From([SimpleQaGrade.NotAttempted]);
        Assert.That((none.Accuracy, none.AccuracyGivenAttempted, none.F1), Is.EqualTo((0.0, 0.0, 0.0)));
        Assert.That(SimpleQaMetrics.From([]).F1, Is.EqualTo(0));
    }

    [TestCase("A", SimpleQaGrade.Correct)]
    [TestCase(" B\n", SimpleQaGrade.Incorrect)]
    [TestCase("C", SimpleQaGrade.NotAttempted)]
    [TestCase("**A**", SimpleQaGrade.Correct)]
    [TestCase("A: CORRECT", SimpleQaGrade.Correct)]
    [TestCase("C: NOT_ATTEMPTED", SimpleQaGrade.NotAttempted)]
    [TestCase("Grade: B.", SimpleQaGrade.Incorrect)]
    [TestCase("The answer names the same city as the target.\n\nA", SimpleQaGrade.Correct)]
    [TestCase("A: INCORRECT", null)]
    [TestCase("The grade is: B", null)]
    [TestCase("FINAL ANSWER: Paris", null)]
    [TestCase("A\nBut on reflection the answer is wrong.", null)]
    [TestCase("no letter here", null)]
    [TestCase("grade: a", null)]
    [TestCase("", null)]
    public void Grader_letter_is_read_only_from_the_whole_reply_or_its_last_line(string reply, SimpleQaGrade? expected) =>
        Assert.That(SimpleQaMetrics.TryParseGraderLetter(reply), Is.EqualTo(expected));

    [Test]
    public void Grade_names_round_trip_and_an_unknown_name_is_an_error()
    {
        foreach (var grade in Enum.GetValues<SimpleQaGrade>())
            Assert.That(SimpleQaMetrics.FromName(SimpleQaMetrics.ToName(grade)), Is.EqualTo(grade));
        Assert.That(SimpleQaMetrics.ToName(SimpleQaGrade.NotAttempted), Is.EqualTo("not_attempted"));
        Assert.That((SimpleQaMetrics.ToName(null), SimpleQaMetrics.FromName("")), Is.EqualTo(("", (SimpleQaGrade?)null)));
        Assert.That(() => SimpleQaMetrics.FromName("maybe"), Throws.TypeOf<Memento.Core.MementoException>().With.Message.Contains("unknown SimpleQA grade 'maybe'"));
    }

    [Test]
    public void Pass_at_k_table_by_source_and_level_with_counts()
    {
        // three attempts each: t1 (L1) 1/3 correct, t2 (L1) 0/3, t3 (L2) 3/3, t4 (L3) 2/3
        var attempts = new List<AttemptRecord>();
        void Add(string id, int level, params bool[] results) =>
            attempts.AddRange(results.Select(r => new AttemptRecord(id, "gaia-L" + level, level, r)));
        Add("t1", 1, false, true, false);
        Add("t2", 1, false, false, false);
        Add("t3", 2, true, true, true);
        Add("t4", 3, true, false, true);
        var rows = AttemptAggregates.PassAtKTable(attempts);
        PassAtKRow Get(string group, int k) => rows.Single(r => r.Group == group && r.K == k);

        Assert.That(rows.Select(r => r.K).Distinct(), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(Get("all", 1).PassAtK, Is.EqualTo((1.0 / 3 + 0 + 1 + 2.0 / 3) / 4).Within(1e-12));
        Assert.That((Get("all", 3).PassAtK, Get("all", 3).Solved, Get("all", 3).Tasks), Is.EqualTo((0.75, 3, 4)));
        Assert.That(Get("L1", 1).PassAtK, Is.EqualTo(1.0 / 6).Within(1e-12));
        Assert.That(Get("L1", 2).PassAtK, Is.EqualTo(1.0 / 3).Within(1e-12)); // t1: 1 − C(2,2)/C(3,2) = 2/3; t2: 0
        Assert.That((Get("L1", 3).PassAtK, Get("L1", 3).Solved), Is.EqualTo((0.5, 1)));
        Assert.That(Get("L3", 1).PassAtK, Is.EqualTo(2.0 / 3).Within(1e-12));
        Assert.That(rows.Where(r => r.K == 1).Select(r => r.Group), Is.EqualTo(new[] { "all", "L1", "L2", "L3", AttemptAggregates.MeanOfSources }),
            "GAIA's sources gaia-L1..L3 are its levels: each is listed once, as the level");
        // plain mean over the three sources at k = 1: (1/6 + 1 + 2/3) / 3
        var mean = Get(AttemptAggregates.MeanOfSources, 1);
        Assert.That(mean.PassAtK, Is.EqualTo((1.0 / 6 + 1 + 2.0 / 3) / 3).Within(1e-12));
        Assert.That((mean.Weighting, Get("all", 1).Weighting), Is.EqualTo(("groups", "tasks")));
        Assert.That(AttemptAggregates.PassAtKTable([]), Is.Empty);
    }

    [Test]
    public void A_source_that_spans_levels_or_shares_one_keeps_its_row()
    {
        AttemptRecord[] attempts =
        [
            new("a1", "web", 1, true), new("a2", "web", 2, false), // one source over two levels
            new("b1", "files", 3, true), new("b2", "other", 3, false), // two sources in one level
        ];
        Assert.That(AttemptAggregates.PassAtKTable(attempts).Select(r => r.Group),
            Is.EqualTo(new[] { "all", "web", "files", "other", "L1", "L2", "L3", AttemptAggregates.MeanOfSources }));
    }

    [Test]
    public void Cumulative_solved_counts_distinct_tasks_solved_in_any_iteration_so_far()
    {
        var iterations = new[]
        {
            new[] { ("a", true), ("b", false), ("c", false) },
            new[] { ("a", false), ("b", true), ("c", false) },
            new[] { ("a", true), ("b", true), ("c", false) },
            new[] { ("a", false), ("b", false), ("c", true) },
        };
        Assert.That(AttemptAggregates.CumulativeSolved(iterations), Is.EqualTo(new[] { 1, 2, 2, 3 }));
    }
}
