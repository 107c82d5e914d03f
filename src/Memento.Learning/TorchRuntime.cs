using System.Runtime.InteropServices;
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

    /// <summary>One intra-op thread: our ops are small, so threading costs more than it gains (docs/design.md §7), and
    /// results stay bit-identical run to run. Also keeps glibc from handing libtorch's freed buffers back to the
    /// kernel (see <see cref="KeepFreedMemory"/>).</summary>
    public static void Configure()
    {
        if (_configured) return;
        TorchSharp.torch.set_num_threads(1);
        KeepFreedMemory();
        _configured = true;
    }

    // glibc mallopt parameters (malloc.h).
    private const int TrimThreshold = -1, TopPad = -2, MmapThreshold = -3;

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);

    /// <summary>Every training step allocates and frees a few hundred KB of libtorch temporaries (sparse gradients,
    /// activations). With glibc's defaults those come from fresh mmaps or a heap top that is trimmed back after each
    /// free, so every step page-faults its buffers in again (about 10% of a Q-network run's samples were kernel page-fault
    /// handling). Serving them from a heap that keeps up to 256 MB of freed memory gave 1.02–1.30× (mean 1.18×) more
    /// qnet loop episodes per second in four interleaved pairs of runs. Process-wide, like the thread setting; a no-op
    /// where the C library is not glibc.</summary>
    private static void KeepFreedMemory()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            // mallopt returns 0 when a value is refused; the allocator then keeps its default, which is only slower.
            _ = MallOpt(MmapThreshold, 32 << 20);
            _ = MallOpt(TrimThreshold, 256 << 20);
            _ = MallOpt(TopPad, 64 << 20);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl): its allocator has no such knobs.
        }
    }
}
