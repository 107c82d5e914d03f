using Memento.Core;
using Memento.Learning;
using NUnit.Framework;
using static TorchSharp.torch;

namespace Memento.Tests.Learning;

/// <summary>A non-finite loss stops training before the step, so the network stays at its last finite state; a
/// checkpoint holding NaN is refused on load.</summary>
public class DivergenceTests
{
    private static readonly ScorerArchitecture Small = new(Buckets: 1024, EmbeddingDim: 8, Hidden: 8);

    /// <summary>The <c>memory.qnet</c> keys of <see cref="DivergedCheckpoint"/>'s shape, which a run loading it must set.</summary>
    public const string SmallShapeYaml = "buckets: 1024, embedding_dim: 8, hidden: 8";
    public static readonly string[] SmallShapeSets = ["--set", "memory.qnet.buckets=1024", "--set", "memory.qnet.embedding_dim=8", "--set", "memory.qnet.hidden=8"];

    /// <summary>A checkpoint whose dense weights are huge but finite: it loads, reads, and its first training step
    /// overflows the logits to infinity, so the loss is NaN or infinite — a network that diverged, as a file.</summary>
    public static string DivergedCheckpoint(string dir)
    {
        using var scorer = new CaseScorer(Small, seed: 1);
        using (no_grad())
            foreach (var p in scorer.DenseParameters()) p.fill_(1e20);
        var path = Path.Combine(dir, "diverged.pt");
        scorer.Save(path);
        return path;
    }

    private static float[][] Snapshot(CaseScorer scorer) => scorer.parameters().Select(p => p.data<float>().ToArray()).ToArray();

    [Test]
    public void A_nan_loss_throws_before_the_step_and_leaves_the_network_unchanged()
    {
        using var scorer = new CaseScorer(Small, seed: 1);
        using var optimizer = new ScorerOptimizer(scorer, 1e-2, 1e-2);
        int[][] tasks = [scorer.Features("capital of france")], cases = [scorer.Features("capital of italy")];
        optimizer.Step(tasks, cases, [0.5f], [1f]);
        var before = Snapshot(scorer);

        var e = Assert.Throws<TrainingDivergedException>(() => optimizer.Step(tasks, cases, [float.NaN], [1f]))!;

        Assert.That(e.Message, Does.StartWith("qnet loss became NaN (optimiser step 2)").And.Contain("lower memory.qnet.lr"));
        Assert.That(optimizer.Steps, Is.EqualTo(1));
        Assert.That(Snapshot(scorer), Is.EqualTo(before));
    }

    [Test]
    public void An_overflowing_network_is_stopped_at_its_first_step()
    {
        using var scorer = CaseScorer.Load(DivergedCheckpoint(TestPaths.TempDir()));
        using var optimizer = new ScorerOptimizer(scorer, 1e-3, 1e-3);
        var e = Assert.Throws<TrainingDivergedException>(() =>
            optimizer.Step([scorer.Features("a b")], [scorer.Features("a c")], [0.3f], [0f]))!;
        Assert.That(e.Problem, Does.Match(@"^qnet loss became (NaN|infinite) \(optimiser step 1\)$"));
    }

    [Test]
    public void A_checkpoint_holding_nan_is_refused_naming_the_parameter()
    {
        var path = Path.Combine(TestPaths.TempDir(), "nan.pt");
        using (var scorer = new CaseScorer(Small, seed: 1))
        {
            using (no_grad()) scorer.DenseParameters().First().fill_(float.NaN);
            scorer.Save(path);
        }
        var e = Assert.Throws<MementoException>(() => CaseScorer.Load(path))!;
        Assert.That(e.Message, Does.StartWith(path).And.Contain("'hidden.weight'").And.Contain("NaN or infinite"));
    }
}
