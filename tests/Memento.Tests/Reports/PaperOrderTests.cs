using Memento.Reports;
using NUnit.Framework;

namespace Memento.Tests.Reports;

/// <summary>Groups print in the paper's order: DeepResearcher sources (Table 1), HLE categories (Table 5a), SimpleQA
/// topics (Table 5b); anything else after them alphabetically.</summary>
public class PaperOrderTests
{
    [Test]
    public void Simpleqa_topics_follow_table_5b()
    {
        var ordered = EpisodeMetrics.OrderedSources(["Video games", "Other", "Art", "Music", "Sports", "Geography", "zzz", "Politics"]);
        Assert.That(ordered, Is.EqualTo(new[] { "Art", "Geography", "Politics", "Sports", "Other", "Music", "Video games", "zzz" }));
        Assert.That(EpisodeMetrics.PaperOrder(ordered)!.PaperTable, Is.EqualTo("Table 5(b)"));
    }

    [Test]
    public void Hle_categories_follow_table_5a_and_deepresearcher_sources_table_1()
    {
        Assert.That(EpisodeMetrics.OrderedSources(["Other", "Chemistry", "Math", "Computer Science/AI"]),
            Is.EqualTo(new[] { "Math", "Computer Science/AI", "Chemistry", "Other" }));
        Assert.That(EpisodeMetrics.OrderedSources(["popqa", "nq", "skill-b", "Bamboogle"]), Is.EqualTo(new[] { "nq", "Bamboogle", "popqa", "skill-b" }));
        Assert.That(EpisodeMetrics.PaperOrder(["skill-a", "skill-b"]), Is.Null);
    }
}
