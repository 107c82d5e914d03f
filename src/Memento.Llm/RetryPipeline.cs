using System.ClientModel;
using System.Globalization;
using System.Net.Sockets;
using Polly;
using Polly.Retry;

namespace Memento.Llm;

/// <summary>The one retry policy of the project's network clients (chat requests and the built-in tools' HTTP calls):
/// retries on 429, 408, 5xx, a dropped connection, a timeout or a reply body that is not the JSON it should be (cut
/// short by a proxy, or junk), with exponential backoff and jitter (Polly),
/// honouring an LLM server's <c>Retry-After</c>. Other errors (400, 401, 404, ...) fail at once.</summary>
public static class RetryPipeline
{
    /// <param name="onRetry">Told each retry as it starts: its <see cref="Reason"/> and one line,
    /// <c>retry 2/6 after HTTP 429 (waiting 4 s) · LABEL</c>.</param>
    public static ResiliencePipeline Build(int maxRetries, TimeSpan baseDelay, Action<string, string>? onRetry = null, string label = "") => maxRetries == 0
        ? ResiliencePipeline.Empty
        : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = maxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = baseDelay,
            MaxDelay = TimeSpan.FromMinutes(2),
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e, args.Context.CancellationToken)),
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception)),
            OnRetry = args =>
            {
                var reason = Reason(args.Outcome.Exception);
                onRetry?.Invoke(reason, string.Create(CultureInfo.InvariantCulture,
                    $"retry {args.AttemptNumber + 1}/{maxRetries} after {reason} (waiting {args.RetryDelay.TotalSeconds:0.##} s) · {label}"));
                return default;
            },
        }).Build();

    /// <summary>What failed, in the words of a retry line: <c>HTTP 429</c>, <c>connection refused</c>, <c>timeout</c>.</summary>
    public static string Reason(Exception? e) => e switch
    {
        ClientResultException { Status: > 0 } c => $"HTTP {c.Status}",
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        OperationCanceledException or TimeoutException => "timeout",
        System.Text.Json.JsonException => "malformed response",
        null => "failure",
        _ => ConnectionFailure(e) ?? e.GetType().Name,
    };

    /// <summary>A failure below HTTP named by its cause — <c>connection refused</c>, <c>connection reset</c>,
    /// <c>timed out</c>, <c>name not resolved</c>, <c>connection closed</c> — found anywhere in the exception's inner
    /// chain; null when it is none of them.</summary>
    public static string? ConnectionFailure(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case SocketException s when s.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.ConnectionReset or SocketError.ConnectionAborted => "connection reset",
                    SocketError.TimedOut => "timed out",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "name not resolved",
                    SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
                    _ => null,
                } is { } cause:
                    return cause;
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                    return "name not resolved";
                case HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }:
                    return "connection closed";
            }
        }
        return null;
    }

    public static bool IsTransient(Exception e, CancellationToken caller) => e switch
    {
        ClientResultException { Status: 0 or 408 or 429 or >= 500 } => true,
        HttpRequestException { StatusCode: { } status } => (int)status is 408 or 429 or >= 500,
        HttpRequestException or TimeoutException or System.Text.Json.JsonException => true,
        // A client's network timeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException => !caller.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The server's <c>Retry-After</c> (seconds or an HTTP date), or null for the exponential default.</summary>
    private static TimeSpan? RetryAfter(Exception? e)
    {
        if (e is not ClientResultException cre || cre.GetRawResponse() is not { } response) return null;
        if (!response.Headers.TryGetValue("Retry-After", out var value) || value is null) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            return TimeSpan.FromSeconds(Math.Min(seconds, 300));
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }
}
