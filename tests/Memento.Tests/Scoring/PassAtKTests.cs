using System.Numerics;
using Memento.Core.Scoring;
using NUnit.Framework;

namespace Memento.Tests.Scoring;

public class PassAtKTests
{
    [TestCase(3, 1, 1, 1.0 / 3)]
    [TestCase(3, 0, 3, 0.0)]
    [TestCase(10, 3, 3, 0.708333)]   // 1 − C(7,3)/C(10,3) = 1 − 35/120
    [TestCase(16, 4, 8, 0.961538)]   // 1 − C(12,8)/C(16,8) = 1 − 495/12870
    [TestCase(100, 10, 10, 0.669524)]
    [TestCase(5, 5, 1, 1.0)]
    [TestCase(5, 2, 4, 1.0)]         // n − c < k: some draw of k always contains a success
    [TestCase(4, 1, 2, 0.5)]         // 1 − C(3,2)/C(4,2) = 1 − 3/6
    [TestCase(1, 1, 1, 1.0)]
    [TestCase(1, 0, 1, 0.0)]
    public void Matches_hand_computed_values(int n, int c, int k, double expected) =>
        Assert.That(PassAtK.Estimate(n, c, k), Is.EqualTo(expected).Within(5e-7));

    [Test]
    public void Pass_at_1_is_the_success_rate() =>
        Assert.That(PassAtK.Estimate(7, 3, 1), Is.EqualTo(3.0 / 7).Within(1e-15));

    [Test]
    public void Product_form_agrees_with_exact_binomials()
    {
        for (var n = 1; n <= 60; n++)
            for (var c = 0; c <= n; c++)
                for (var k = 1; k <= n; k++)
                {
                    var exact = 1.0 - (double)(Binomial(n - c, k) * 1_000_000_000_000 / Binomial(n, k)) / 1e12;
                    Assert.That(PassAtK.Estimate(n, c, k), Is.EqualTo(exact).Within(1e-9), $"n={n} c={c} k={k}");
                }
    }

    [Test]
    public void Large_n_stays_finite_and_in_range()
    {
        var value = PassAtK.Estimate(2000, 1, 1000);
        Assert.That(value, Is.EqualTo(0.5).Within(1e-12));
        Assert.That(PassAtK.Estimate(5000, 3, 2500), Is.InRange(0.0, 1.0));
    }

    [Test]
    public void Mean_averages_per_task_estimates()
    {
        (int, int)[] tasks = [(3, 1), (3, 0), (3, 3)];
        Assert.That(PassAtK.Mean(tasks, 1), Is.EqualTo((1.0 / 3 + 0 + 1) / 3).Within(1e-12));
        // k = 3: any of 3 attempts correct → the GAIA "Pass@3" = 2 of 3 tasks
        Assert.That(PassAtK.Mean(tasks, 3), Is.EqualTo(2.0 / 3).Within(1e-12));
        var all = PassAtK.All(tasks);
        Assert.That(all.Keys, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(all[2], Is.EqualTo((2.0 / 3 + 0 + 1) / 3).Within(1e-12)); // 1 − C(2,2)/C(3,2) = 2/3
    }

    [Test]
    public void Rejects_impossible_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(3, 4, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(3, 1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(3, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(0, 0, 1));
        Assert.Throws<ArgumentException>(() => PassAtK.Mean([], 1));
    }

    private static BigInteger Binomial(int n, int k)
    {
        if (k < 0 || k > n) return 0;
        BigInteger result = 1;
        for (var i = 1; i <= k; i++) result = result * (n - k + i) / i;
        return result;
    }
}
