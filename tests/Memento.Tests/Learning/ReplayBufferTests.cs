using Memento.Learning;
using NUnit.Framework;

namespace Memento.Tests.Learning;

public class ReplayBufferTests
{
    [Test]
    public void RespectsItsBoundAndOverwritesTheOldestPair()
    {
        var buffer = new ReplayBuffer<int[]>(capacity: 5);
        for (var i = 0; i < 12; i++)
        {
            buffer.Add([i], [100 + i], similarity: i / 100f, reward: i % 3 == 0 ? 1 : 0);
            Assert.That(buffer.Count, Is.EqualTo(Math.Min(i + 1, 5)));
        }
        Assert.That(buffer.IsFull, Is.True);
        // Pairs 7..11 remain; of those, 9 has reward 1.
        var held = buffer.Sample(500, new Random(1));
        Assert.That(held.Tasks.Select(t => t[0]).Distinct().Order(), Is.EqualTo(new[] { 7, 8, 9, 10, 11 }));
        Assert.That(buffer.Positives, Is.EqualTo(1));
        Assert.That(buffer.Negatives, Is.EqualTo(4));
        Assert.That(held.Rewards.Zip(held.Tasks).All(p => p.First == (p.Second[0] == 9 ? 1f : 0f)), Is.True);
        Assert.That(held.Cases.Zip(held.Tasks).All(p => p.First[0] == p.Second[0] + 100), Is.True);
        Assert.That(held.Similarities.Zip(held.Tasks).All(p => p.First == p.Second[0] / 100f), Is.True);
    }

    [Test]
    public void SeededSamplingIsReproducible()
    {
        var buffer = new ReplayBuffer<int[]>(50);
        for (var i = 0; i < 30; i++) buffer.Add([i], [i], 0.5f, i % 2);
        var a = buffer.Sample(16, new Random(7));
        var b = buffer.Sample(16, new Random(7));
        Assert.That(a.Tasks.Select(t => t[0]), Is.EqualTo(b.Tasks.Select(t => t[0])));
        Assert.That(a.Rewards, Is.EqualTo(b.Rewards));
    }

    [Test]
    public void RejectsBadInput()
    {
        Assert.That(() => new ReplayBuffer<int[]>(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        var buffer = new ReplayBuffer<int[]>(3);
        Assert.That(() => buffer.Sample(1, new Random(1)), Throws.InvalidOperationException);
        Assert.That(() => buffer.Add([1], [2], 0f, 2), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
