using Memento.Core.Config;
using Memento.Core.Text;

namespace Memento.Llm;

/// <summary>What every LLM client of one run shares: the response cache, the request gate and the retry settings, and
/// the run's counts of requests sent, retries, cache hits and tool calls. Its cache file also keeps local encoders'
/// vectors. In a sweep the cache and gate may be the sweep's (<see cref="SharedLlmResources"/>), which then closes them
/// instead of this runtime.</summary>
/// <param name="ownsCacheAndGate">False when the cache and gate belong to a <see cref="SharedLlmResources"/>.</param>
public sealed class LlmRuntime(SqliteResponseCache? cache, RequestGate gate, int maxRetries, TimeSpan retryBaseDelay, bool ownsCacheAndGate = true)
    : IVectorStores, IDisposable
{
    public SqliteResponseCache? Cache { get; } = cache;
    public RequestGate Gate { get; } = gate;
    public int MaxRetries { get; } = maxRetries;
    public TimeSpan RetryBaseDelay { get; } = retryBaseDelay;

    /// <summary>Retries so far by what failed (<c>HTTP 429</c>, <c>timeout</c>, ...).</summary>
    private readonly Dictionary<string, int> _retries = new();
    private int _requests, _cacheHits, _toolCalls;

    /// <summary>Each retry of any client of the run, as one line (the CLI shows it as it happens).</summary>
    public event Action<string>? Retried;

    internal void ReportRetry(string reason, string line)
    {
        lock (_retries) _retries[reason] = _retries.GetValueOrDefault(reason) + 1;
        Retried?.Invoke(line);
    }

    /// <summary>Sends one request to a model server (chat or embeddings) through the gate, counting it.</summary>
    internal Task<T> SendAsync<T>(Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return Gate.RunAsync(request, cancellationToken);
    }

    /// <summary>A chat response was served from the cache file instead of being requested.</summary>
    internal void CountCacheHit() => Interlocked.Increment(ref _cacheHits);

    internal void CountToolCall() => Interlocked.Increment(ref _toolCalls);

    /// <summary>The run's totals as one line: <c>requests: 40 sent · retries: 3 after HTTP 429, 1 after timeout · cache
    /// hits: 8 · tool calls: 12</c>. Requests count every request sent to a model server, retried ones included.</summary>
    public string Totals()
    {
        string retried;
        lock (_retries)
            retried = _retries.Count == 0 ? "0" : string.Join(", ", _retries.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => $"{r.Value} after {r.Key}"));
        return $"requests: {Volatile.Read(ref _requests)} sent · retries: {retried} · cache hits: {Volatile.Read(ref _cacheHits)} · tool calls: {Volatile.Read(ref _toolCalls)}";
    }

    /// <param name="shared">A sweep's shared cache and gates; null: the runtime opens its own.</param>
    public static LlmRuntime From(CacheConfig cache, LlmAgentConfig agent, TimeSpan? retryBaseDelay = null, SharedLlmResources? shared = null) => new(
        shared is not null ? shared.Cache(cache)
            : cache.Mode == "off" || cache.Path is null ? null : new SqliteResponseCache(cache.Path, readOnly: cache.Mode == "read-only"),
        shared?.Gate(agent.MaxConcurrency, agent.RequestsPerMinute) ?? new RequestGate(agent.MaxConcurrency, agent.RequestsPerMinute),
        agent.MaxRetries,
        retryBaseDelay ?? TimeSpan.FromSeconds(agent.RetryDelayS),
        ownsCacheAndGate: shared is null);

    public IVectorStore? For(string encoderIdentity) => Cache is { } c ? new SqliteVectorStore(c, encoderIdentity) : null;

    public void Dispose()
    {
        if (!ownsCacheAndGate) return;
        Cache?.Dispose();
        Gate.Dispose();
    }
}
