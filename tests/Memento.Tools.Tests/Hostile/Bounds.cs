using System.Diagnostics;

namespace Memento.Tools.Tests.Hostile;

/// <summary>How long a call took and how far the managed heap grew above where it started while it ran (sampled every
/// 5 ms), for tests that assert a hostile input stays within time and memory bounds (generous ones: the machine is shared).</summary>
public static class Bounds
{
    public static async Task<(T Result, TimeSpan Elapsed, long PeakBytes)> Measure<T>(Func<Task<T>> call)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
                try { await Task.Delay(5, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var clock = Stopwatch.StartNew();
        var result = await call();
        clock.Stop();
        peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
        await stop.CancelAsync();
        await sampler;
        return (result, clock.Elapsed, peak);
    }

    public const long MiB = 1L << 20;
}
