using Memento.Core.Memory;
using Memento.Core.Memory.Policies;
using Memento.Core.Tasks;
using Memento.Learning;
using NUnit.Framework;

namespace Memento.Tests.Learning;

/// <summary>
/// A toy world where similarity is misled: two task kinds (a keyword in filler words) and four cases whose success
/// rate depends on (kind, case). The case that solves kind A was written from a question that looks like kind B and
/// the other way round, so the nearest case by cosine is the wrong one for both kinds.
/// </summary>
public class KernelToyWorldTests
{
    private static readonly string[] Kinds = ["volcano", "violin"];

    // True success rate p(kind, case). Case questions are "which violin?", "which volcano?", "which glacier?", "which falcon?".
    private static readonly double[,] SuccessRate =
    {
        { 0.9, 0.2, 0.5, 0.1 }, // kind A (volcano): best is case 0, which looks like kind B
        { 0.1, 0.8, 0.5, 0.3 }, // kind B (violin): best is case 1, which looks like kind A
    };

    [Test]
    public void LearningTheKernelMovesQecTowardsTheTruePerKindAndCaseRateAndItsReadsBeatMisledSimilarity()
    {
        var rng = new Random(11);
        var bank = new CaseBank();
        foreach (var keyword in new[] { "violin", "volcano", "glacier", "falcon" }) bank.Write($"which {keyword}?", "{}", 1);
        var encoder = LearningFixtures.Encoder(bank);
        // The paper's form (no prior pseudo-entry, no own episode), so Q_EC is a pure kernel average over D_c.
        var config = LearningFixtures.Kernel(updates: 1, batchSize: 32, storeSize: 5000) with { PriorWeight = 0, OwnEpisodeWeight = 0 };
        using var learned = new KernelEpisodicPolicy(config, seed: 11, encoder);
        using var fixedKernel = new KernelEpisodicPolicy(config with { UpdatesPerEpisode = 0 }, seed: 11, encoder);

        // Explore: uniformly random single-case reads, rewards drawn from p(kind, case).
        for (var i = 0; i < 600; i++)
        {
            var kind = rng.Next(2);
            var c = bank[rng.Next(bank.Count)];
            var feedback = new EpisodeFeedback(Task(rng, kind, i), [c], rng.NextDouble() < SuccessRate[kind, c.Id] ? 1 : 0);
            learned.Update(feedback);
            fixedKernel.Update(feedback);
        }

        var (learnedError, learnedReads) = Evaluate(learned, bank, "learned kernel");
        var (fixedError, _) = Evaluate(fixedKernel, bank, "fixed kernel");
        var (_, similarityReads) = Evaluate(new SimilarityPolicy(encoder), bank, "similarity");
        Assert.That(learnedError, Is.LessThan(0.12), "mean |Q_EC − p| over (kind, case) after learning");
        Assert.That(learnedError, Is.LessThan(0.75 * fixedError), "learning the kernel moves Q_EC towards p");
        Assert.That(similarityReads, Is.LessThan(0.3), "the world misleads similarity");
        Assert.That(learnedReads, Is.GreaterThan(0.65), "kernel reads mostly find the best case for each kind");
    }

    /// <summary>Mean |Q_EC − p(kind, case)| over kinds and cases (Q_EC averaged over probe tasks; NaN for a policy
    /// that has no estimate), and the mean true success rate of the case the policy reads first.</summary>
    private static (double Error, double ReadValue) Evaluate(IReadPolicy policy, CaseBank bank, string label)
    {
        const int probes = 40;
        var probe = new Random(99);
        double error = 0, readValue = 0;
        for (var kind = 0; kind < 2; kind++)
        {
            var estimates = new double[bank.Count];
            for (var i = 0; i < probes; i++)
            {
                var task = Task(probe, kind, 10_000 + i);
                if (policy is KernelEpisodicPolicy kernel)
                {
                    var q = kernel.Estimate(task.Question, bank.Cases.ToArray());
                    for (var c = 0; c < bank.Count; c++) estimates[c] += q[c] / probes;
                }
                readValue += SuccessRate[kind, policy.Read(new ReadRequest(task, bank, 1, probe))[0].Id] / (2 * probes);
            }
            for (var c = 0; c < bank.Count; c++) error += Math.Abs(estimates[c] - SuccessRate[kind, c]) / (2 * bank.Count);
            TestContext.Out.WriteLine($"{label}, kind {Kinds[kind]}: Q_EC {string.Join(" ", estimates.Select(e => e.ToString("F2")))}; " +
                $"true {string.Join(" ", Enumerable.Range(0, bank.Count).Select(c => SuccessRate[kind, c].ToString("F2")))}");
        }
        TestContext.Out.WriteLine($"{label}: mean |Q_EC − p| {error:F3}, expected success of the first read case {readValue:F3}");
        return (error, readValue);
    }

    private static QaTask Task(Random rng, int kind, int id) => new($"t{id}", LearningFixtures.Sentence(rng, Kinds[kind]), ["x"], "toy");
}
