using Memento.Llm;
using Polly;

namespace Memento.Tools.Http;

/// <summary>
/// An HTTP client with the chat client's resilience: each call passes the run's <see cref="RequestGate"/> (rate
/// limit), then the project's <see cref="RetryPipeline"/> (transient errors retried with backoff), and each attempt
/// gets its own timeout. A timeout surfaces as <see cref="TimeoutException"/> once the retries are spent.
/// </summary>
internal sealed class ResilientHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly RequestGate _gate;
    private readonly ResiliencePipeline _retries;
    private readonly HttpSettings _settings;

    public ResilientHttp(HttpMessageHandler handler, HttpSettings settings)
    {
        _settings = settings;
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("memento-tools/1.0");
        _gate = new RequestGate(0, settings.RequestsPerMinute);
        _retries = RetryPipeline.Build(settings.MaxRetries, TimeSpan.FromSeconds(settings.RetryDelayS));
    }

    /// <summary>Runs <paramref name="call"/> (one attempt: send and read) under the gate, the retries and the timeout.</summary>
    public async Task<T> RunAsync<T>(Func<HttpClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _gate.RunAsync(
                gated => _retries.ExecuteAsync(async token =>
                {
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                    attempt.CancelAfter(_settings.Timeout);
                    return await call(_client, attempt.Token);
                }, gated).AsTask(),
                cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no complete answer within {_settings.TimeoutS:0.###} s (tried {_settings.MaxRetries + 1} times)");
        }
    }

    /// <summary>Throws an <see cref="HttpRequestException"/> carrying the status when the answer is not a success, so
    /// the retry policy can tell 429/5xx (retried) from 4xx (not).</summary>
    public static void EnsureSuccess(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
    }

    public void Dispose()
    {
        _client.Dispose();
        _gate.Dispose();
    }
}
