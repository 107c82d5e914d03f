using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Memento.Tests;

/// <summary>Proves TorchSharp's native library loads on this machine (docs/design.md §7: the build flags the
/// GLIBCXX_3.4.32 requirement weak where the system libstdc++ lacks it) and that a network trains.</summary>
public class TorchSharpLoadTests
{
    [Test]
    public void A_tiny_network_trains_and_its_loss_falls()
    {
        manual_seed(0);
        var x = randn(64, 3);
        var y = (x[.., 0] * 2 - x[.., 1] + 0.5).unsqueeze(1);
        var model = nn.Sequential(nn.Linear(3, 16), nn.ReLU(), nn.Linear(16, 1));
        var optimizer = optim.Adam(model.parameters(), lr: 0.05);
        var losses = new List<float>();
        for (var step = 0; step < 50; step++)
        {
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        Assert.That(losses[^1], Is.LessThan(losses[0] * 0.1f), $"loss {losses[0]} → {losses[^1]}");
    }
}
