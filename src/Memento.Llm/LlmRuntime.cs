using Memento.Core.Config;
using Memento.Core.Text;

namespace Memento.Llm;

/// <summary>What every LLM client of one run shares: the response cache, the request gate and the retry settings. Its
/// cache file also keeps local encoders' vectors.</summary>
public sealed class LlmRuntime(SqliteResponseCache? cache, RequestGate gate, int maxRetries, TimeSpan retryBaseDelay) : IVectorStores, IDisposable
{
    public SqliteResponseCache? Cache { get; } = cache;
    public RequestGate Gate { get; } = gate;
    public int MaxRetries { get; } = maxRetries;
    public TimeSpan RetryBaseDelay { get; } = retryBaseDelay;

    public static LlmRuntime From(CacheConfig cache, LlmAgentConfig agent, TimeSpan? retryBaseDelay = null) => new(
        cache.Mode == "off" || cache.Path is null ? null : new SqliteResponseCache(cache.Path, readOnly: cache.Mode == "read-only"),
        new RequestGate(agent.MaxConcurrency, agent.RequestsPerMinute),
        agent.MaxRetries,
        retryBaseDelay ?? TimeSpan.FromSeconds(agent.RetryDelayS));

    public IVectorStore? For(string encoderIdentity) => Cache is { } c ? new SqliteVectorStore(c, encoderIdentity) : null;

    public void Dispose()
    {
        Cache?.Dispose();
        Gate.Dispose();
    }
}
