using System.ClientModel;
using System.Globalization;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace Memento.Llm;

/// <summary>Retries a request on 429, 408, 5xx, a dropped connection or a timeout, with exponential backoff and
/// jitter (Polly), honouring the server's <c>Retry-After</c>. Other errors (400, 401, ...) fail at once. Each retry is
/// reported as it starts, e.g. <c>retry 2/6 after HTTP 429 (waiting 4 s) · gpt-4.1</c>.</summary>
public sealed class RetryingChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline _pipeline;

    /// <param name="onRetry">Told each retry as one line; <paramref name="label"/> (the model) ends the line.</param>
    public RetryingChatClient(IChatClient inner, int maxRetries, TimeSpan baseDelay, Action<string>? onRetry = null, string label = "") : base(inner)
    {
        _pipeline = maxRetries == 0
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
                    onRetry?.Invoke(string.Create(CultureInfo.InvariantCulture,
                        $"retry {args.AttemptNumber + 1}/{maxRetries} after {Reason(args.Outcome.Exception)} (waiting {args.RetryDelay.TotalSeconds:0.##} s) · {label}"));
                    return default;
                },
            }).Build();
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        return await _pipeline.ExecuteAsync(async ct => await base.GetResponseAsync(list, options, ct), cancellationToken);
    }

    public static bool IsTransient(Exception e, CancellationToken caller) => e switch
    {
        ClientResultException { Status: 0 or 408 or 429 or >= 500 } => true,
        HttpRequestException or TimeoutException => true,
        // The client's network timeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException => !caller.IsCancellationRequested,
        _ => false,
    };

    /// <summary>What failed, in the words of a retry line: <c>HTTP 429</c>, <c>HttpRequestException</c>, <c>timeout</c>.</summary>
    public static string Reason(Exception? e) => e switch
    {
        ClientResultException { Status: > 0 } c => $"HTTP {c.Status}",
        OperationCanceledException or TimeoutException => "timeout",
        null => "failure",
        _ => e.GetType().Name,
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
