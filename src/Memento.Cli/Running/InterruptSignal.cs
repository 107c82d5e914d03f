using System.Runtime.InteropServices;

namespace Memento.Cli.Running;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM — what Slurm (scancel, a time limit, preemption, requeue) and Kubernetes (pod eviction)
/// send before SIGKILL — as a request to stop: the first signal cancels <see cref="Token"/> and keeps the process alive,
/// so the run ends with every finished episode logged, its run.json saying "interrupted" and its lock released. The
/// token reaches the agent's and judge's requests, so requests in flight are cancelled (their episodes are redone on
/// resume) and the stop fits a scheduler's grace period. A second Ctrl-C terminates at once, as usual — unless it comes
/// within a second of the first signal: a job script that forwards the scheduler's signal to memento (see
/// scripts/slurm) may deliver it twice, and a scheduler follows SIGTERM with SIGKILL anyway, so further SIGTERMs are
/// absorbed.
/// </summary>
internal sealed class InterruptSignal : IDisposable
{
    private static readonly TimeSpan SameStop = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration[] _registrations;
    private readonly System.Diagnostics.Stopwatch _sinceFirst = new();
    private int _received;

    public InterruptSignal(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _registrations = [Register(PosixSignal.SIGINT, 2), Register(PosixSignal.SIGTERM, 15)];
    }

    private PosixSignalRegistration Register(PosixSignal signal, int number) => PosixSignalRegistration.Create(signal, context =>
    {
        if (Interlocked.CompareExchange(ref _received, number, 0) == 0)
        {
            _sinceFirst.Start();
            context.Cancel = true;
            _source.Cancel();
            return;
        }
        // A later signal: a Ctrl-C pressed again terminates the process; anything else is the stop already under way.
        context.Cancel = signal != PosixSignal.SIGINT || _sinceFirst.Elapsed < SameStop;
    });

    public CancellationToken Token => _source.Token;

    /// <summary>The shell's convention for a process stopped by the signal received: 128 + its number (130 for SIGINT,
    /// 143 for SIGTERM); 130 when the stop came from elsewhere.</summary>
    public int ExitCode => 128 + (Volatile.Read(ref _received) is var n and > 0 ? n : 2);

    /// <summary>"interrupted" after Ctrl-C, "terminated (SIGTERM)" after SIGTERM.</summary>
    public string Outcome => Volatile.Read(ref _received) == 15 ? "terminated (SIGTERM)" : "interrupted";

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }
}
