using Memento.Learning;
using NUnit.Framework;

namespace Memento.Tests.Learning;

public class MetricsTests
{
    [Test]
    public void RocAucMatchesTheTextbookExample()
    {
        // scikit-learn's roc_auc_score example: 3 of the 4 positive–negative pairs are ordered correctly.
        Assert.That(Metrics.RocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), Is.EqualTo(0.75).Within(1e-12));
    }

    [Test]
    public void TiesCountOneHalf()
    {
        Assert.That(Metrics.RocAuc([0.5, 0.5], [true, false]), Is.EqualTo(0.5));
        // Positive 0.7 beats both negatives; positive 0.3 ties one negative (½) and loses to the other: (2 + 0.5) / 4.
        Assert.That(Metrics.RocAuc([0.7, 0.3, 0.3, 0.5], [true, true, false, false]), Is.EqualTo(0.625).Within(1e-12));
    }

    [Test]
    public void AucIsUndefinedWithOneClass()
    {
        Assert.That(Metrics.RocAuc([0.1, 0.2], [true, true]), Is.NaN);
        Assert.That(Metrics.RocAuc([], []), Is.NaN);
    }

    [Test]
    public void AccuracyAndF1AtTheThreshold()
    {
        double[] scores = [0.9, 0.6, 0.4, 0.2];
        bool[] labels = [true, false, true, false];
        Assert.That(Metrics.Accuracy(scores, labels), Is.EqualTo(0.5));
        Assert.That(Metrics.F1(scores, labels), Is.EqualTo(0.5)); // tp 1, fp 1, fn 1
    }
}
