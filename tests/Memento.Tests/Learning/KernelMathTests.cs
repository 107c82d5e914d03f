using Memento.Learning;
using NUnit.Framework;
using static TorchSharp.torch;

namespace Memento.Tests.Learning;

public class KernelMathTests
{
    [Test]
    public void KernelEstimateIsTheKernelWeightedAverageOnAHandComputedExample()
    {
        // φ(s) = (0, 0); D_c holds φ = (1, 0) with Q = 1 and φ = (0, 2) with Q = 0; bandwidth 2.
        // k1 = exp(−1/2), k2 = exp(−4/2), so Q_EC = k1 / (k1 + k2) = 1 / (1 + e^−1.5) = 0.8175744761936437.
        var estimate = KernelMath.KernelEstimate([0f, 0f], [[1f, 0f], [0f, 2f]], [1.0, 0.0], bandwidth: 2);
        Assert.That(estimate, Is.EqualTo(0.8175744761936437).Within(1e-12));

        // Three entries, values 0.2, 1, 0.5 at squared distances 0, 1, 4 with bandwidth 1.
        var expected = (1 * 0.2 + Math.Exp(-1) * 1 + Math.Exp(-4) * 0.5) / (1 + Math.Exp(-1) + Math.Exp(-4));
        Assert.That(KernelMath.KernelEstimate([1f, 1f], [[1f, 1f], [2f, 1f], [1f, 3f]], [0.2, 1.0, 0.5], 1), Is.EqualTo(expected).Within(1e-12));
        Assert.That(KernelMath.Kernel([0f, 0f], [1f, 0f], 2), Is.EqualTo(Math.Exp(-0.5)).Within(1e-15));
    }

    [Test]
    public void KernelEstimateIsUndefinedWithoutEntriesAndStableFarAway()
    {
        Assert.That(KernelMath.KernelEstimate([0f], [], [], 1), Is.Null);
        // Unshifted, both kernels (e^−10⁷) underflow to 0 and the ratio is 0/0; shifted, the nearer entry takes
        // all the weight, as the formula's limit says.
        var far = KernelMath.KernelEstimate([0f], [[100f], [100.01f]], [1.0, 0.0], 1e-3);
        Assert.That(far, Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void APriorPseudoEntryKeepsAFarLoneEntryFromDecidingTheEstimate()
    {
        // One entry, Q = 1, at squared distance 9 (bandwidth 1). The paper's normalised form returns 1 however far it
        // is; with the prior q₀ = 0.3 at weight λ = 1: (e^−9·1 + 0.3) / (e^−9 + 1).
        Assert.That(KernelMath.KernelEstimate([0f], [[3f]], [1.0], 1), Is.EqualTo(1.0).Within(1e-12));
        var shrunk = KernelMath.KernelEstimate([0f], [[3f]], [1.0], 1, prior: 0.3, priorWeight: 1);
        Assert.That(shrunk, Is.EqualTo((Math.Exp(-9) + 0.3) / (Math.Exp(-9) + 1)).Within(1e-12));
        // At the query itself (k = 1) the entry and the prior weigh the same; an entry counted 4 times, 4 to 1.
        Assert.That(KernelMath.KernelEstimate([0f], [[0f]], [1.0], 1, 0.3, 1), Is.EqualTo(0.65).Within(1e-12));
        Assert.That(KernelMath.KernelEstimate([0f], [[0f]], [1.0], 1, 0.3, 1, [4.0]), Is.EqualTo((4 + 0.3) / 5).Within(1e-12));
        Assert.That(KernelMath.KernelEstimate([0f], [], [], 1, 0.3, 1), Is.EqualTo(0.3), "no entries: the prior");
    }

    [Test]
    public void TheBatchedEstimatorWithPriorsAndEntryWeightsEqualsTheReference()
    {
        float[][] queries = [[0f, 1f], [1f, 0f]];
        float[][] keys = [[0f, 0f], [1f, 1f], [2f, 0f]];
        long[] segment = [0, 0, 1];
        long[] keyRow = [0, 1, 2];
        float[] values = [1, 0, 1];
        float[] logWeights = [(float)Math.Log(4), 0, 0];
        float[] priors = [0.2f, 0.7f];
        using var scope = NewDisposeScope();
        var estimates = KernelEstimator.Estimate(tensor(queries.SelectMany(q => q).ToArray(), [2, 2]), tensor(keys.SelectMany(k => k).ToArray(), [3, 2]),
            new KernelPairs(segment, keyRow, values, logWeights), bandwidth: 0.5, priors, priorWeight: 2).data<float>().ToArray();
        Assert.That(estimates[0], Is.EqualTo(KernelMath.KernelEstimate(queries[0], [keys[0], keys[1]], [1.0, 0.0], 0.5, 0.2, 2, [4.0, 1.0])!.Value).Within(1e-5));
        Assert.That(estimates[1], Is.EqualTo(KernelMath.KernelEstimate(queries[1], [keys[2]], [1.0], 0.5, 0.7, 2)!.Value).Within(1e-5));
    }

    [Test]
    public void SoftTdTargetIsRewardPlusGammaAlphaLogSumExp()
    {
        double[] next = [0.2, 0.6, 1.0];
        // By hand: r + γ·α·ln(e^(0.2/0.5) + e^(0.6/0.5) + e^(1.0/0.5)) = 1 + 0.9 · 0.5 · ln(e^0.4 + e^1.2 + e^2).
        var byHand = 1 + 0.9 * 0.5 * Math.Log(Math.Exp(0.4) + Math.Exp(1.2) + Math.Exp(2.0));
        Assert.That(KernelMath.SoftTdTarget(1, 0.9, 0.5, next), Is.EqualTo(byHand).Within(1e-12));
        Assert.That(KernelMath.SoftTdTarget(1, 0.9, 0.5, next), Is.EqualTo(2.1257).Within(1e-4));
        Assert.That(KernelMath.SoftTdTarget(0, 0, 0.5, next), Is.EqualTo(0), "γ = 0: the target is the reward");
        Assert.That(KernelMath.SoftTdTarget(1, 0.9, 0.5, []), Is.EqualTo(1), "terminal next state");
        // As α → 0 the soft value becomes the max: y → r + γ · max Q.
        Assert.That(KernelMath.SoftTdTarget(0, 1, 1e-4, next), Is.EqualTo(1.0).Within(1e-3));
        // Large values do not overflow.
        Assert.That(KernelMath.SoftValue([1000, 1000], 1), Is.EqualTo(1000 + Math.Log(2)).Within(1e-9));
    }

    [Test]
    public void TheBatchedTorchEstimatorEqualsTheReferenceFormula()
    {
        var rng = new Random(4);
        float[] Vector() => Enumerable.Range(0, 3).Select(_ => (float)rng.NextDouble() * 2 - 1).ToArray();
        var queries = Enumerable.Range(0, 3).Select(_ => Vector()).ToArray();
        var keys = Enumerable.Range(0, 5).Select(_ => Vector()).ToArray();
        // Query 0 uses keys 0,1,2; query 1 uses key 3; query 2 uses keys 1,3,4.
        long[] segment = [0, 0, 0, 1, 2, 2, 2];
        long[] keyRow = [0, 1, 2, 3, 1, 3, 4];
        float[] values = [1, 0, 0.5f, 0.7f, 1, 0, 0.25f];
        using var scope = NewDisposeScope();
        var estimates = KernelEstimator.Estimate(
            tensor(queries.SelectMany(q => q).ToArray(), [3, 3]), tensor(keys.SelectMany(k => k).ToArray(), [5, 3]),
            new KernelPairs(segment, keyRow, values, new float[segment.Length]), bandwidth: 0.7, priors: new float[3], priorWeight: 0).data<float>().ToArray();
        for (var q = 0; q < 3; q++)
        {
            var pairs = Enumerable.Range(0, segment.Length).Where(m => segment[m] == q).ToArray();
            var reference = KernelMath.KernelEstimate(queries[q], pairs.Select(m => keys[keyRow[m]]).ToList(),
                pairs.Select(m => (double)values[m]).ToList(), 0.7);
            Assert.That(estimates[q], Is.EqualTo(reference!.Value).Within(1e-5), $"query {q}");
        }
        Assert.That(estimates[1], Is.EqualTo(0.7f).Within(1e-6), "one entry: its own value");
    }
}
