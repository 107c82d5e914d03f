using Memento.Core.Memory;
using Memento.Learning;
using NUnit.Framework;

namespace Memento.Tests.Learning;

[NonParallelizable] // the profile is process-wide
public class PolicyProfileTests
{
    [Test]
    public void A_profiled_qnet_episode_spends_time_in_every_part()
    {
        var bank = LearningFixtures.Bank(seed: 1);
        using var policy = new QNetPolicy(LearningFixtures.QNet(warmup: 4), seed: 1, LearningFixtures.Encoder(bank));
        PolicyProfile.Start();
        Play(policy, bank);
        var parts = PolicyProfile.Stop();
        Assert.That(parts.Keys, Is.EquivalentTo(Enum.GetValues<PolicyPart>()));
        Assert.That(parts.Where(p => p.Value <= TimeSpan.Zero).Select(p => p.Key), Is.Empty, "every part of a hashed-feature Q-network episode is timed");
    }

    [Test]
    public void A_profiled_kernel_episode_times_its_parts_and_collection_stops_with_Stop()
    {
        var bank = LearningFixtures.Bank(seed: 2);
        using var policy = new KernelEpisodicPolicy(LearningFixtures.Kernel(), seed: 2, LearningFixtures.Encoder(bank));
        PolicyProfile.Start();
        Play(policy, bank);
        var parts = PolicyProfile.Stop();
        PolicyPart[] kernelParts = [PolicyPart.Encoding, PolicyPart.Shortlist, PolicyPart.ReadScoring, PolicyPart.UpdateScoring,
            PolicyPart.Replay, PolicyPart.Forward, PolicyPart.Backward, PolicyPart.Guard, PolicyPart.DenseStep];
        Assert.That(kernelParts.Where(p => parts[p] <= TimeSpan.Zero), Is.Empty);

        Play(policy, bank); // not collected: nothing was started
        Assert.That(() => PolicyProfile.Stop(), Throws.InvalidOperationException);
    }

    private static void Play(IReadPolicy policy, CaseBank bank)
    {
        var rng = new Random(3);
        for (var i = 0; i < 12; i++)
        {
            var task = LearningFixtures.Task(rng, i);
            var read = policy.Read(new ReadRequest(task, bank, 2, rng));
            policy.Update(new EpisodeFeedback(task, read, read.Max(c => LearningFixtures.Helps(task, c))));
        }
    }
}
