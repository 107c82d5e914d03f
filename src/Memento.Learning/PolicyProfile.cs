using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Memento.Learning;

/// <summary>The parts of a learned policy's episode that <see cref="PolicyProfile"/> times separately (none overlaps
/// another).</summary>
public enum PolicyPart
{
    /// <summary>The task's first-stage vector and the network's view of task and cases (hashing, TF-IDF, lookups).</summary>
    Encoding,
    /// <summary>The cosine first stage: the top-N scan over the bank and the shortlisted cases' similarities.</summary>
    Shortlist,
    /// <summary>The network (or kernel estimate) scoring the shortlist at read.</summary>
    ReadScoring,
    /// <summary>Scoring the retrieved cases at update, before training (the rolling held-out AUC).</summary>
    UpdateScoring,
    /// <summary>Storing pairs in the replay buffer (or episodic store) and sampling a minibatch from it.</summary>
    Replay,
    /// <summary>The training forward pass and the loss, with zeroing the gradients.</summary>
    Forward,
    /// <summary>Back-propagation and reading the loss.</summary>
    Backward,
    /// <summary>The divergence check of the loss and gradients (<see cref="FiniteGuard"/>).</summary>
    Guard,
    /// <summary>Adam on the dense parameters (and the kernel's soft target update).</summary>
    DenseStep,
    /// <summary>Row-sparse Adagrad on the hashed tables.</summary>
    SparseStep,
}

/// <summary>
/// CPU time per <see cref="PolicyPart"/> of the learned policies, for <c>memento bench</c>'s per-part breakdown.
/// Off unless <see cref="Start"/> was called: a timed region then costs one static read and branch, so runs are
/// unaffected. Process-wide (the bench measures one policy at a time); policies time their parts under their lock.
/// <para>CPU time of the calling thread (each region is synchronous code on one thread), not wall time: on a machine
/// shared with other work, wall time mostly measures how long the thread waited for a core, while a region's CPU
/// time stays close to its cost on a quiet machine. Where the thread clock is unavailable, wall time.</para>
/// </summary>
public static class PolicyProfile
{
    private static long[]? _nanoseconds;

    /// <summary>Starts (or restarts) collecting, from zero.</summary>
    public static void Start() => _nanoseconds = new long[Enum.GetValues<PolicyPart>().Length];

    /// <summary>Stops collecting and returns the time spent in each part since <see cref="Start"/>.</summary>
    public static IReadOnlyDictionary<PolicyPart, TimeSpan> Stop()
    {
        var nanoseconds = _nanoseconds ?? throw new InvalidOperationException("PolicyProfile.Stop without Start");
        _nanoseconds = null;
        return Enum.GetValues<PolicyPart>().ToDictionary(p => p, p => TimeSpan.FromTicks(nanoseconds[(int)p] / 100));
    }

    /// <summary>Times the region until the returned value is disposed (<c>using (PolicyProfile.Time(...)) ...</c>).</summary>
    internal static Region Time(PolicyPart part) => new(part, _nanoseconds is null ? 0 : ThreadNanoseconds());

    internal readonly struct Region(PolicyPart part, long started) : IDisposable
    {
        public void Dispose()
        {
            if (started != 0 && _nanoseconds is { } nanoseconds) Interlocked.Add(ref nanoseconds[(int)part], ThreadNanoseconds() - started);
        }
    }

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID (Linux time.h)

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static readonly bool HasThreadClock = OperatingSystem.IsLinux() && TryThreadClock(out _);

    /// <summary>The calling thread's CPU time in ns (wall time where the system has no thread clock), never 0.</summary>
    private static long ThreadNanoseconds() =>
        HasThreadClock && TryThreadClock(out var ns) ? ns + 1 : (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency)) + 1;

    private static bool TryThreadClock(out long nanoseconds)
    {
        nanoseconds = 0;
        try
        {
            if (ClockGetTime(ThreadCpuClock, out var time) != 0) return false;
            nanoseconds = time.Seconds * 1_000_000_000 + time.Nanoseconds;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
