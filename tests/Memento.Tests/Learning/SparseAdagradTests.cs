using Memento.Learning;
using NUnit.Framework;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Memento.Tests.Learning;

public sealed class SparseAdagradTests
{
    [Test]
    public void Updates_only_the_rows_in_the_batch_by_the_adagrad_rule_summing_repeated_rows()
    {
        using var bag = nn.EmbeddingBag(8, 4, mode: EmbeddingBagMode.Sum, sparse: true);
        var weight = bag.weight!;
        var before = weight.detach().clone();
        var optimizer = new SparseAdagrad([weight], learningRate: 0.1);

        // Row 2 appears twice, row 5 once: d(sum of outputs · c)/d row = c per occurrence.
        var coefficients = tensor(new float[] { 0.5f, -1f, 2f, 0.25f });
        for (var step = 1; step <= 2; step++)
        {
            bag.zero_grad();
            using (var scope = NewDisposeScope())
            {
                var output = bag.call(tensor(new long[] { 2, 5, 2 }), tensor(new long[] { 0 }));
                output.mul(coefficients).sum().backward();
            }
            optimizer.Step();
        }

        var c = new[] { 0.5f, -1f, 2f, 0.25f };
        for (var row = 0; row < 8; row++)
        for (var d = 0; d < 4; d++)
        {
            var g = row switch { 2 => 2 * c[d], 5 => c[d], _ => 0f };
            var expected = before[row, d].item<float>();
            if (g != 0)
            {
                // Two steps with the same gradient: G₁ = g², G₂ = 2g².
                expected -= 0.1f * g / (MathF.Sqrt(g * g) + 1e-10f);
                expected -= 0.1f * g / (MathF.Sqrt(2 * g * g) + 1e-10f);
            }
            Assert.That(weight[row, d].item<float>(), Is.EqualTo(expected).Within(1e-6), $"row {row}, column {d}");
        }
    }

    [Test]
    public void Refuses_a_dense_gradient()
    {
        using var bag = nn.EmbeddingBag(8, 4, mode: EmbeddingBagMode.Sum, sparse: false);
        var optimizer = new SparseAdagrad([bag.weight!], learningRate: 0.1);
        bag.call(tensor(new long[] { 1 }), tensor(new long[] { 0 })).sum().backward();
        Assert.That(() => optimizer.Step(), Throws.InvalidOperationException.With.Message.Contains("sparse gradients"));
    }
}
