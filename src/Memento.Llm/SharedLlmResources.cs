using Memento.Core.Config;

namespace Memento.Llm;

/// <summary>
/// What the LLM runtimes of a sweep's points share, so that points running at once (<c>memento sweep --jobs N</c>)
/// draw on one budget: one <see cref="RequestGate"/> per (<c>max_concurrency</c>, <c>requests_per_minute</c>) — so
/// those limits hold for the sweep, not for each point — and one <see cref="SqliteResponseCache"/> per cache file and
/// mode (one connection, serialised, and a request that two points need is sent once). Each point keeps its own
/// runtime (its retry counts, its agent and judge); this object owns the shared parts and closes them when the sweep
/// ends. Thread-safe.
/// </summary>
public sealed class SharedLlmResources : IDisposable
{
    private readonly Dictionary<(int, double), RequestGate> _gates = new();
    private readonly Dictionary<(string, bool), SqliteResponseCache> _caches = new();
    private readonly Lock _lock = new();

    public RequestGate Gate(int maxConcurrency, double requestsPerMinute)
    {
        lock (_lock)
        {
            var key = (maxConcurrency, requestsPerMinute);
            if (!_gates.TryGetValue(key, out var gate)) _gates[key] = gate = new RequestGate(maxConcurrency, requestsPerMinute);
            return gate;
        }
    }

    /// <summary>The cache <paramref name="config"/> names, opened on first use; null when caching is off.</summary>
    public SqliteResponseCache? Cache(CacheConfig config)
    {
        if (config.Mode == "off" || config.Path is null) return null;
        lock (_lock)
        {
            var key = (Path.GetFullPath(config.Path), config.Mode == "read-only");
            if (!_caches.TryGetValue(key, out var cache)) _caches[key] = cache = new SqliteResponseCache(config.Path, key.Item2);
            return cache;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var cache in _caches.Values) cache.Dispose();
            foreach (var gate in _gates.Values) gate.Dispose();
            _caches.Clear();
            _gates.Clear();
        }
    }
}
