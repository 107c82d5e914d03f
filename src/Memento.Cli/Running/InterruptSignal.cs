using System.Runtime.InteropServices;

namespace Memento.Cli.Running;

/// <summary>
/// Ctrl-C (SIGINT) as a request to stop: the first signal cancels <see cref="Token"/> and keeps the process alive,
/// so the run ends after its current wave with every finished episode logged, its run.json saying "interrupted" and
/// its lock released. A second Ctrl-C terminates at once, as usual.
/// </summary>
internal sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _registration;

    public InterruptSignal(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            if (_source.IsCancellationRequested) return; // the second Ctrl-C: let it terminate the process
            context.Cancel = true;
            _source.Cancel();
        });
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _registration.Dispose();
        _source.Dispose();
    }
}
