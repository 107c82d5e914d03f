using Memento.Core.Config;
using Memento.Core.Text;

namespace Memento.Llm;

/// <summary>What every LLM client of one run shares: the response cache, the request gate and the retry settings. Its
/// cache file also keeps local encoders' vectors. In a sweep the cache and gate may be the sweep's
/// (<see cref="SharedLlmResources"/>), which then closes them instead of this runtime.</summary>
/// <param name="ownsCacheAndGate">False when the cache and gate belong to a <see cref="SharedLlmResources"/>.</param>
public sealed class LlmRuntime(SqliteResponseCache? cache, RequestGate gate, int maxRetries, TimeSpan retryBaseDelay, bool ownsCacheAndGate = true)
    : IVectorStores, IDisposable
{
    public SqliteResponseCache? Cache { get; } = cache;
    public RequestGate Gate { get; } = gate;
    public int MaxRetries { get; } = maxRetries;
    public TimeSpan RetryBaseDelay { get; } = retryBaseDelay;

    private readonly Dictionary<string, int> _retries = new();

    /// <summary>Each retry of any client of the run, as one line (the CLI shows it as it happens).</summary>
    public event Action<string>? Retried;

    /// <summary>Retries so far by what failed (<c>HTTP 429</c>, <c>timeout</c>, ...).</summary>
    public IReadOnlyDictionary<string, int> Retries
    {
        get { lock (_retries) return new Dictionary<string, int>(_retries); }
    }

    internal void ReportRetry(string line)
    {
        var reason = line[(line.IndexOf(" after ", StringComparison.Ordinal) + 7)..line.IndexOf(" (waiting", StringComparison.Ordinal)];
        lock (_retries) _retries[reason] = _retries.GetValueOrDefault(reason) + 1;
        Retried?.Invoke(line);
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
