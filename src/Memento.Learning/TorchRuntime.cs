using TorchSharp;

namespace Memento.Learning;

/// <summary>Process-wide torch settings the learned policies share.</summary>
internal static class TorchRuntime
{
    /// <summary>Held while seeding torch's global generator and drawing initial weights, so two networks built on
    /// different threads each get the weights their own seed implies.</summary>
    public static readonly object SeedGate = new();

    /// <summary>Standard deviation of the initial hashed-embedding rows.</summary>
    public const double EmbeddingInitStd = 0.1;

    /// <summary>The Scalar 1, rooted in a static field. TorchSharp frees a Scalar in its finalizer, so a temporary
    /// one (any implicit double → Scalar conversion, including inside <c>a + b</c> and <c>a - b</c>) can be freed while
    /// the native call using it runs; hot paths pass this instance or a <c>using</c> local instead.</summary>
    public static readonly TorchSharp.Scalar One = 1.0.ToScalar();

    private static bool _configured;

    /// <summary>One intra-op thread: our ops are small, so threading costs more than it gains (design.md §7), and
    /// results stay bit-identical run to run.</summary>
    public static void Configure()
    {
        if (_configured) return;
        TorchSharp.torch.set_num_threads(1);
        _configured = true;
    }
}
