namespace Memento.Llm;

/// <summary>Client-side limits shared by every LLM client of a run: when <c>maxConcurrency</c> &gt; 0, at most that many
/// requests in flight (0: no cap, so <c>schedule.parallelism</c> alone sets it), and when <c>requestsPerMinute</c> &gt; 0,
/// request starts spaced at least 60/rpm seconds apart.</summary>
public sealed class RequestGate(int maxConcurrency, double requestsPerMinute) : IDisposable
{
    private readonly SemaphoreSlim? _slots = maxConcurrency > 0 ? new(maxConcurrency, maxConcurrency) : null;
    private readonly TimeSpan _interval = requestsPerMinute > 0 ? TimeSpan.FromMinutes(1 / requestsPerMinute) : TimeSpan.Zero;
    private readonly Lock _lock = new();
    private DateTime _nextStart = DateTime.MinValue;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        if (_slots is not null) await _slots.WaitAsync(cancellationToken);
        try
        {
            if (_interval > TimeSpan.Zero)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    var now = DateTime.UtcNow;
                    var start = _nextStart > now ? _nextStart : now;
                    _nextStart = start + _interval;
                    wait = start - now;
                }
                if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            }
            return await request(cancellationToken);
        }
        finally
        {
            _slots?.Release();
        }
    }

    public void Dispose() => _slots?.Dispose();
}
