using System.Diagnostics;

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
/// Wall time per <see cref="PolicyPart"/> of the learned policies, for <c>memento bench</c>'s per-part breakdown.
/// Off unless <see cref="Start"/> was called: a timed region then costs one static read and branch, so runs are
/// unaffected. Process-wide (the bench measures one policy at a time); policies time their parts under their lock.
/// </summary>
public static class PolicyProfile
{
    private static long[]? _ticks;

    /// <summary>Starts (or restarts) collecting, from zero.</summary>
    public static void Start() => _ticks = new long[Enum.GetValues<PolicyPart>().Length];

    /// <summary>Stops collecting and returns the time spent in each part since <see cref="Start"/>.</summary>
    public static IReadOnlyDictionary<PolicyPart, TimeSpan> Stop()
    {
        var ticks = _ticks ?? throw new InvalidOperationException("PolicyProfile.Stop without Start");
        _ticks = null;
        return Enum.GetValues<PolicyPart>().ToDictionary(p => p, p => Stopwatch.GetElapsedTime(0, ticks[(int)p]));
    }

    /// <summary>Times the region until the returned value is disposed (<c>using var _ = PolicyProfile.Time(...)</c>).</summary>
    internal static Region Time(PolicyPart part) => new(part, _ticks is null ? 0 : Stopwatch.GetTimestamp());

    internal readonly struct Region(PolicyPart part, long started) : IDisposable
    {
        public void Dispose()
        {
            if (started != 0 && _ticks is { } ticks) Interlocked.Add(ref ticks[(int)part], Stopwatch.GetTimestamp() - started);
        }
    }
}
