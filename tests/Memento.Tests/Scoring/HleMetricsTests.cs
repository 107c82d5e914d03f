using Memento.Core.Scoring;
using NUnit.Framework;

namespace Memento.Tests.Scoring;

/// <summary>HLE's official metrics against values computed by hand from run_judge_results.py's formulas.</summary>
public class HleMetricsTests
{
    private static List<HleJudged> Many(int count, int confidence, int correct) =>
        Enumerable.Range(0, count).Select(i => new HleJudged(i < correct, confidence)).ToList();

    [Test]
    public void With_250_predictions_the_official_error_skips_the_last_bin_that_absorbs_the_remainder()
    {
        // Sorted by confidence: bin 1 = 100 at 80 % with 50 right (gap 0.3), bin 2 = the other 150 at 90 %, all right (gap 0.1).
        // Official: sqrt(100/250 · 0.09) = 0.1897 -> round 0.19 -> 19. All bins: sqrt(0.036 + 150/250 · 0.01) = 0.2049 -> 20.
        var judged = Many(150, 90, 150).Concat(Many(100, 80, 50)).ToList();
        var m = HleMetrics.Compute(judged);
        Assert.That((m.N, m.Correct, m.Accuracy), Is.EqualTo((250, 200, 80.0)));
        Assert.That(m.HalfWidth, Is.EqualTo(4.96));   // 1.96 · sqrt(80 · 20 / 250) = 4.9585
        Assert.That(m.CalibrationError, Is.EqualTo(19.0));
        Assert.That(m.CalibrationErrorAllBins, Is.EqualTo(20.0));
        Assert.That(m.NotComputed, Is.Null);
    }

    [Test]
    public void Between_100_and_199_predictions_the_official_error_counts_no_bin_and_is_zero()
    {
        var m = HleMetrics.Compute(Many(150, 100, 75));
        Assert.That(m.CalibrationError, Is.EqualTo(0.0));
        Assert.That(m.CalibrationErrorAllBins, Is.EqualTo(50.0));   // one bin: |1.0 - 0.5| = 0.5
        Assert.That(m.Accuracy, Is.EqualTo(50.0));
        Assert.That(m.HalfWidth, Is.EqualTo(8.0));   // 1.96 · sqrt(50 · 50 / 150) = 8.0016 -> 8.0
    }

    [Test]
    public void With_exactly_200_predictions_only_the_first_bin_counts()
    {
        // Bin 1: 100 at 60 %, 30 right (gap 0.3); bin 2: 100 at 100 %, 100 right (gap 0). Official sqrt(0.5 · 0.09) = 0.2121 -> 21.
        var m = HleMetrics.Compute(Many(100, 100, 100).Concat(Many(100, 60, 30)).ToList());
        Assert.That(m.CalibrationError, Is.EqualTo(21.0));
        Assert.That(m.CalibrationErrorAllBins, Is.EqualTo(21.0));
    }

    [Test]
    public void Fewer_than_100_predictions_give_no_official_error_but_a_reason()
    {
        var m = HleMetrics.Compute(Many(99, 70, 10));
        Assert.That(m.CalibrationError, Is.Null);
        Assert.That(m.NotComputed, Does.Contain("99 judged predictions").And.Contain("fewer than the bin size 100"));
        Assert.That(m.CalibrationErrorAllBins, Is.EqualTo(60.0));   // |0.7 - 10/99| = 0.599 -> 0.6
    }

    [Test]
    public void The_official_denominator_counts_questions_without_a_judgement_wrong()
    {
        var m = HleMetrics.Compute(Many(100, 50, 25), questions: 400);
        Assert.That((m.N, m.Correct, m.Accuracy), Is.EqualTo((400, 25, 6.25)));
        Assert.That(m.HalfWidth, Is.EqualTo(2.37));   // 1.96 · sqrt(6.25 · 93.75 / 400) = 2.3720
    }

    [TestCase(2.675, 2, 2.67)]   // 2.67499999... in binary
    [TestCase(0.125, 2, 0.12)]   // exact half: to even
    [TestCase(0.375, 2, 0.38)]
    [TestCase(1.005, 2, 1.0)]
    [TestCase(4.95845, 2, 4.96)]
    [TestCase(-0.125, 2, -0.12)]
    public void Rounding_is_pythons(double x, int digits, double expected) =>
        Assert.That(HleMetrics.PythonRound(x, digits), Is.EqualTo(expected));

    [Test]
    public void Bin_sums_follow_numpys_pairwise_order()
    {
        // Nine values: 8 accumulators then the ninth added after combining them ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)).
        double[] a = [1e16, 1, -1e16, 1, 1, 1, 1, 1, 1];
        var expected = ((1e16 + 1) + (-1e16 + 1)) + ((1.0 + 1) + (1.0 + 1)) + 1;
        Assert.That(HleMetrics.NumpySum(a), Is.EqualTo(expected));
        Assert.That(HleMetrics.NumpySum(a), Is.Not.EqualTo(a.Aggregate(0.0, (s, x) => s + x)), "a left-to-right sum would differ");
    }
}
