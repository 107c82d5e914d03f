namespace Memento.Llm;

/// <summary>Client-side limits shared by every LLM client of a run: at most <c>maxConcurrency</c> requests in flight
/// and, when <c>requestsPerMinute</c> &gt; 0, request starts spaced at least 60/rpm seconds apart.</summary>
public sealed class RequestGate(int maxConcurrency, double requestsPerMinute) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(maxConcurrency, maxConcurrency);
    private readonly TimeSpan _interval = requestsPerMinute > 0 ? TimeSpan.FromMinutes(1 / requestsPerMinute) : TimeSpan.Zero;
    private readonly Lock _lock = new();
    private DateTime _nextStart = DateTime.MinValue;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
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
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
