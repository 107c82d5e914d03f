using Memento.Core.Agents;
using Memento.Core.Config;
using Memento.Core.Text;

namespace Memento.Llm;

/// <summary>What every LLM client of one run shares: the response cache, the request gate and the retry settings, and
/// the run's counts of requests sent, retries, cache hits (by box: agent, judge, ...) and tool calls. Its cache file also keeps local encoders'
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
    /// <summary>Responses served from the cache by the box that asked (<see cref="Agent"/>, <see cref="Judge"/>, a tool's model).</summary>
    private readonly Dictionary<string, int> _cacheHits = new() { [Agent] = 0, [Judge] = 0 };
    private int _requests, _toolCalls;

    /// <summary>The boxes whose cache hits the totals line always shows.</summary>
    public const string Agent = "agent", Judge = "judge";

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

    /// <summary>A chat response was served from the cache file instead of being requested, to <paramref name="box"/>.</summary>
    internal void CountCacheHit(string box)
    {
        lock (_cacheHits) _cacheHits[box] = _cacheHits.GetValueOrDefault(box) + 1;
    }

    /// <summary>Failed tool calls by tool and cause (the result without its tool's name), and the last one's text.</summary>
    private readonly Dictionary<(string Tool, string Cause), int> _toolFailures = new();

    /// <summary>A tool call finished with <paramref name="result"/> (its text; a failure begins with
    /// <see cref="ToolCallTrace.ErrorPrefix"/>).</summary>
    internal void CountToolCall(string tool, string? result)
    {
        Interlocked.Increment(ref _toolCalls);
        if (result is null || !result.StartsWith(ToolCallTrace.ErrorPrefix, StringComparison.Ordinal)) return;
        var cause = result[ToolCallTrace.ErrorPrefix.Length..].ReplaceLineEndings(" ");
        if (cause.StartsWith(tool + ": ", StringComparison.Ordinal)) cause = cause[(tool.Length + 2)..];
        if (cause.Length > 120) cause = cause[..120] + "...";
        lock (_toolFailures) _toolFailures[(tool, cause)] = _toolFailures.GetValueOrDefault((tool, cause)) + 1;
    }

    /// <summary><c>12</c>, or with failures <c>20 (20 failed: web_search searxng failed: connection refused)</c>: the
    /// three most frequent causes, each with its count when there are several.</summary>
    private string ToolCalls()
    {
        var calls = Volatile.Read(ref _toolCalls);
        lock (_toolFailures)
        {
            if (_toolFailures.Count == 0) return calls.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var failed = _toolFailures.Values.Sum();
            var top = _toolFailures.OrderByDescending(f => f.Value).ThenBy(f => f.Key.Tool, StringComparer.Ordinal).ThenBy(f => f.Key.Cause, StringComparer.Ordinal)
                .Take(3).Select(f => $"{f.Key.Tool} {f.Key.Cause}" + (_toolFailures.Count > 1 ? $" ×{f.Value}" : ""));
            return $"{calls} ({failed} failed: {string.Join("; ", top)}{(_toolFailures.Count > 3 ? "; ..." : "")})";
        }
    }

    /// <summary>The run's totals as one line: <c>requests: 40 sent · retries: 3 after HTTP 429, 1 after timeout · cache
    /// hits: 8 agent, 2 judge · tool calls: 12</c>, the tool calls with their failures when any failed
    /// (<c>tool calls: 20 (20 failed: web_search searxng failed: connection refused)</c>). Requests count every request sent to a model server, retried ones
    /// included; cache hits are counted apart for the agent and the judge (and a tool's model, when it had any).</summary>
    public string Totals()
    {
        string retried, hits;
        lock (_retries)
            retried = _retries.Count == 0 ? "0" : string.Join(", ", _retries.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => $"{r.Value} after {r.Key}"));
        lock (_cacheHits)
            hits = string.Join(", ", _cacheHits   // agent and judge always, other boxes once they had a hit
                .OrderBy(h => h.Key switch { Agent => 0, Judge => 1, _ => 2 }).ThenBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Value} {h.Key}"));
        return $"requests: {Volatile.Read(ref _requests)} sent · retries: {retried} · cache hits: {hits} · tool calls: {ToolCalls()}";
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
