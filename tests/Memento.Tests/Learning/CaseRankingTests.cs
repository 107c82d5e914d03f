using Memento.Learning;
using NUnit.Framework;

namespace Memento.Tests.Learning;

public class CaseRankingTests
{
    private static readonly int[] Candidates = [10, 11, 12, 13, 14, 15];
    private static readonly float[] Scores = [0.2f, 0.9f, 0.5f, 0.9f, 0.7f, 0.1f];

    [Test]
    public void GreedyTakesTheTopScoresWithTiesInFirstStageOrder()
    {
        Assert.That(CaseRanking.Greedy(Candidates, Scores, 3), Is.EqualTo(new[] { 11, 13, 14 }));
        Assert.That(CaseRanking.Greedy(Candidates, Scores, 10), Has.Length.EqualTo(6));
    }

    [Test]
    public void SoftmaxWithTinyTemperatureIsGreedy()
    {
        float[] distinct = [0.2f, 0.9f, 0.5f, 0.85f, 0.7f, 0.1f];
        var rng = new Random(3);
        for (var trial = 0; trial < 50; trial++)
            Assert.That(CaseRanking.SampleSoftmax(Candidates, distinct, 4, 1e-6, rng), Is.EqualTo(CaseRanking.Greedy(Candidates, distinct, 4)));
    }

    [Test]
    public void SoftmaxSamplesWithoutReplacementInProportionToExpQOverAlpha()
    {
        var rng = new Random(5);
        var firstPicks = new Dictionary<int, int>();
        const int trials = 20000;
        for (var trial = 0; trial < trials; trial++)
        {
            var picks = CaseRanking.SampleSoftmax(Candidates, Scores, 3, 0.5, rng);
            Assert.That(picks.Distinct().Count(), Is.EqualTo(3));
            firstPicks[picks[0]] = firstPicks.GetValueOrDefault(picks[0]) + 1;
        }
        var z = Scores.Sum(q => Math.Exp(q / 0.5));
        for (var i = 0; i < Candidates.Length; i++)
            Assert.That(firstPicks.GetValueOrDefault(Candidates[i]) / (double)trials, Is.EqualTo(Math.Exp(Scores[i] / 0.5) / z).Within(0.015));
    }

    [Test]
    public void ExplorationSwapsInDistinctBankCasesAndDrawsNothingAtEpsilonZero()
    {
        var picks = new[] { 1, 2, 3 };
        var rng = new Random(9);
        var before = rng.Next();
        rng = new Random(9);
        CaseRanking.Explore(picks, 100, 0, rng);
        Assert.That(picks, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(rng.Next(), Is.EqualTo(before), "ε = 0 must not consume the episode's RNG");

        CaseRanking.Explore(picks, 100, 1, new Random(2));
        Assert.That(picks.Distinct().Count(), Is.EqualTo(3));
        Assert.That(picks, Is.Not.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(picks, Has.All.InRange(0, 99));
    }
}
