using System.Numerics;
using System.Runtime.InteropServices;
using Memento.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>
/// The learners' check, made after <c>backward</c> and before the optimiser step: a finite loss and finite gradients.
/// Checking before the step (not the parameters after it) keeps the network at its last finite state when training
/// diverges, and suffices: with a finite gradient, Adam and Adagrad move each parameter by at most a small multiple of
/// the learning rate (at most 1 by config), so a finite network stays finite.
/// </summary>
internal static class FiniteGuard
{
    /// <param name="learner">Names the loss in the message, e.g. "qnet".</param>
    /// <param name="step">The optimiser step that was about to be taken (1-based).</param>
    /// <param name="remedy">What to change, e.g. "lower memory.qnet.lr".</param>
    public static void Check(string learner, double loss, IEnumerable<Tensor?> gradients, long step, string remedy)
    {
        if (!double.IsFinite(loss))
            throw new TrainingDivergedException($"{learner} loss became {TrainingDivergedException.Describe(loss)} (optimiser step {step})", remedy);
        if (gradients.Any(g => g is not null && !AllFinite(g.is_sparse ? g.SparseValues : g)))
            throw new TrainingDivergedException($"{learner} gradient became NaN or infinite (optimiser step {step})", remedy);
    }

    /// <summary>Whether every element is finite. Float32 CPU tensors (all of ours) are read in place, a SIMD pass
    /// with no native call per check: run before every optimiser step, the three-op native check (isfinite, all,
    /// item) per parameter cost about as much as the step itself.</summary>
    public static bool AllFinite(Tensor tensor)
    {
        if (tensor.dtype == ScalarType.Float32 && tensor.device_type == DeviceType.CPU && tensor.is_contiguous())
            return AllFinite(MemoryMarshal.Cast<byte, float>(tensor.bytes));
        using var scope = NewDisposeScope();
        return tensor.isfinite().all().item<bool>();
    }

    // x − x is 0 for every finite x and NaN for NaN and ±∞.
    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        foreach (var v in vectors)
            if (!Vector.EqualsAll(v - v, Vector<float>.Zero)) return false;
        for (var i = vectors.Length * Vector<float>.Count; i < values.Length; i++)
            if (!float.IsFinite(values[i])) return false;
        return true;
    }
}
