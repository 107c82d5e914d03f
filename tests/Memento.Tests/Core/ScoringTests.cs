using Memento.Core.Scoring;
using NUnit.Framework;

namespace Memento.Tests.Core;

public class ScoringTests
{
    [TestCase("The Eiffel Tower!", "the eiffel tower")]
    [TestCase("  U.S.A.  ", "u s a")]
    [TestCase("rock-and-roll\tmusic", "rock and roll music")]
    [TestCase("Café  Müller", "café müller")]
    public void Normalize_lowercases_turns_ascii_punctuation_into_spaces_and_keeps_articles(string input, string expected) =>
        Assert.That(AnswerNormalizer.Normalize(input), Is.EqualTo(expected));

    [Test]
    public void Exact_match_accepts_any_alternative()
    {
        Assert.That(DeepResearcherScorer.ExactMatch("Paris", ["Lyon", "paris."]), Is.True);
        Assert.That(DeepResearcherScorer.ExactMatch("Paris, France", ["Paris"]), Is.False);
    }

    [Test]
    public void Exact_match_keeps_articles()
    {
        Assert.That(DeepResearcherScorer.ExactMatch("Beatles", ["The Beatles"]), Is.False);
    }

    [Test]
    public void F1_is_over_token_sets_and_maximal_over_alternatives()
    {
        // prediction {the, big, apple}, gold {big, apple}: P = 2/3, R = 1 → F1 = 0.8
        Assert.That(DeepResearcherScorer.F1("the big apple", ["big apple"]), Is.EqualTo(0.8).Within(1e-12));
        // repeated tokens count once: {new, york} vs {new, york}
        Assert.That(DeepResearcherScorer.F1("new new york", ["New York"]), Is.EqualTo(1.0));
        // the best alternative wins
        Assert.That(DeepResearcherScorer.F1("York", ["Paris", "New York"]), Is.EqualTo(2 * 1.0 * 0.5 / 1.5).Within(1e-12));
        Assert.That(DeepResearcherScorer.F1("London", ["Paris"]), Is.EqualTo(0));
        Assert.That(DeepResearcherScorer.F1("!!!", ["Paris"]), Is.EqualTo(0));
    }
}
