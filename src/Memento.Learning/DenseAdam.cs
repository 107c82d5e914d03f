using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>
/// Adam for the dense parameters, written out instead of using <c>torch.optim.Adam</c>: TorchSharp 0.107's optimisers
/// pass temporary <see cref="Scalar"/> objects (implicit conversions from double) to native calls, and a Scalar is
/// freed by its finalizer as soon as it is unreachable — which can be during the native call that is reading it. We
/// saw that race crash a training run ("Unknown scalar type" in Adam's step). Here every Scalar is a field or a
/// <c>using</c> local, alive until its native call has returned. Same update rule as torch's Adam (no weight decay).
/// </summary>
internal sealed class DenseAdam : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private readonly double _learningRate;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly Scalar _beta1Scalar;
    private readonly Scalar _beta2Scalar;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _epsilon;
    private long _steps;

    public DenseAdam(IEnumerable<Parameter> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _parameters = parameters.ToArray();
        _firstMoments = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _secondMoments = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _learningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _beta1Scalar = beta1.ToScalar();
        _beta2Scalar = beta2.ToScalar();
        _oneMinusBeta1 = (1 - beta1).ToScalar();
        _oneMinusBeta2 = (1 - beta2).ToScalar();
        _epsilon = epsilon.ToScalar();
    }

    public void Step()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        _steps++;
        var biasCorrection1 = 1 - Math.Pow(_beta1, _steps);
        var biasCorrection2 = 1 - Math.Pow(_beta2, _steps);
        using var stepSize = (-_learningRate / biasCorrection1).ToScalar();
        using var secondMomentScale = Math.Sqrt(biasCorrection2).ToScalar();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var grad = _parameters[i].grad;
            if (grad is null) continue;
            _firstMoments[i].mul_(_beta1Scalar).add_(grad, _oneMinusBeta1);
            _secondMoments[i].mul_(_beta2Scalar).addcmul_(grad, grad, _oneMinusBeta2);
            var denominator = _secondMoments[i].sqrt().div_(secondMomentScale).add_(_epsilon, TorchRuntime.One);
            _parameters[i].addcdiv_(_firstMoments[i], denominator, stepSize);
        }
    }

    public void Dispose()
    {
        foreach (var t in _firstMoments.Concat(_secondMoments)) t.Dispose();
        foreach (var s in new[] { _beta1Scalar, _beta2Scalar, _oneMinusBeta1, _oneMinusBeta2, _epsilon }) s.Dispose();
    }
}
