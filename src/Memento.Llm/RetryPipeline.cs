using System.ClientModel;
using System.Globalization;
using Polly;
using Polly.Retry;

namespace Memento.Llm;

/// <summary>The one retry policy of the project's network clients (chat requests and the built-in tools' HTTP calls):
/// retries on 429, 408, 5xx, a dropped connection or a timeout, with exponential backoff and jitter (Polly),
/// honouring an LLM server's <c>Retry-After</c>. Other errors (400, 401, 404, ...) fail at once.</summary>
public static class RetryPipeline
{
    public static ResiliencePipeline Build(int maxRetries, TimeSpan baseDelay) => maxRetries == 0
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
        }).Build();

    public static bool IsTransient(Exception e, CancellationToken caller) => e switch
    {
        ClientResultException { Status: 0 or 408 or 429 or >= 500 } => true,
        HttpRequestException { StatusCode: { } status } => (int)status is 408 or 429 or >= 500,
        HttpRequestException or TimeoutException => true,
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
