using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>One gradient step of binary cross-entropy, as both Q-networks take it (<see cref="ScorerOptimizer"/>,
/// <see cref="EncoderPairModel"/>), with its parts timed for <see cref="PolicyProfile"/>.
/// <para>The networks are never switched between train and eval mode: they have no dropout or normalisation layers,
/// the only ones the mode changes, and the switch is a walk over the modules with native calls at every step.</para></summary>
internal static class BceStep
{
    /// <param name="logits">Builds the minibatch's logits [B] with a graph.</param>
    /// <param name="positiveWeight">Multiplies the loss of positive pairs (BCE's pos_weight).</param>
    /// <param name="step">The optimiser step about to be taken (1-based), for the divergence message.</param>
    /// <param name="optimise">Applies the optimisers to the gradients.</param>
    /// <returns>The mean loss. A non-finite loss or gradient throws <see cref="Memento.Core.TrainingDivergedException"/>
    /// before <paramref name="optimise"/>, leaving the network as it was.</returns>
    /// <param name="parameters">The network's parameters (whose gradients the divergence check reads), listed once by the caller.</param>
    public static double Run(nn.Module network, IReadOnlyList<Parameter> parameters, Func<Tensor> logits, float[] labels, double positiveWeight, long step, string remedy, Action optimise)
    {
        using var scope = NewDisposeScope();
        Tensor loss;
        using (PolicyProfile.Time(PolicyPart.Forward))
        {
            network.zero_grad();
            loss = nn.functional.binary_cross_entropy_with_logits(logits(), tensor(labels),
                pos_weights: positiveWeight == 1 ? null : tensor(new[] { (float)positiveWeight }));
        }
        float value;
        using (PolicyProfile.Time(PolicyPart.Backward))
        {
            loss.backward();
            value = loss.item<float>();
        }
        using (PolicyProfile.Time(PolicyPart.Guard)) FiniteGuard.Check("qnet", value, parameters.Select(p => p.grad), step, remedy);
        optimise();
        return value;
    }
}
