using System.ClientModel;
using System.Net.Sockets;
using Memento.Core;
using Memento.Core.Loop;

namespace Memento.Llm;

/// <summary>Names what went wrong with a model request: its <see cref="EpisodeErrorKinds"/> kind and one line saying
/// what came back (an HTTP status with the server's message, a refused connection, a timeout).</summary>
internal static class LlmError
{
    public static EpisodeError Of(Exception e, LlmEndpoint endpoint) =>
        new(KindOf(e), Secrets.Redact($"{endpoint.Model} at {endpoint.Url}: {Describe(e, endpoint)}"));

    public static string KindOf(Exception e) => e switch
    {
        ClientResultException { Status: 401 or 403 } => EpisodeErrorKinds.Auth,
        ClientResultException { Status: 404 } => EpisodeErrorKinds.NotFound,
        ClientResultException { Status: 400 or 413 or 422 } c when IsContextLength(c.Message) => EpisodeErrorKinds.ContextLength,
        ClientResultException { Status: 400 or 413 or 422 } => EpisodeErrorKinds.BadRequest,
        ClientResultException { Status: 429 } => EpisodeErrorKinds.RateLimit,
        ClientResultException { Status: 408 } => EpisodeErrorKinds.Timeout,
        ClientResultException { Status: >= 500 } => EpisodeErrorKinds.Server,
        ClientResultException { Status: 0 } c when c.InnerException is { } inner => KindOf(inner),
        HttpRequestException { InnerException: SocketException } or HttpRequestException { StatusCode: null } => EpisodeErrorKinds.Unreachable,
        TimeoutException or OperationCanceledException => EpisodeErrorKinds.Timeout,
        _ => EpisodeErrorKinds.Other,
    };

    /// <summary>What came back, in a few words: <c>HTTP 401: bad key</c>, <c>connection refused</c>, <c>no answer within 120 s</c>.</summary>
    public static string Describe(Exception e, LlmEndpoint endpoint) => Secrets.Redact(e switch
    {
        ClientResultException { Status: > 0 } c => $"HTTP {c.Status}: {OneLine(c.Message)}",
        ClientResultException { InnerException: { } inner } => Describe(inner, endpoint),
        HttpRequestException { InnerException: SocketException s } => s.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData => "host not found",
            _ => OneLine(s.Message),
        },
        HttpRequestException h => OneLine(h.Message),
        TimeoutException or OperationCanceledException => $"no answer within {endpoint.Timeout.TotalSeconds:0.###} s",
        _ => $"{e.GetType().Name}: {OneLine(e.Message)}",
    });

    private static bool IsContextLength(string message) =>
        message.Contains("context_length", StringComparison.OrdinalIgnoreCase) || message.Contains("context length", StringComparison.OrdinalIgnoreCase)
        || message.Contains("maximum context", StringComparison.OrdinalIgnoreCase) || message.Contains("too many tokens", StringComparison.OrdinalIgnoreCase);

    private static string OneLine(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length > 300 ? text[..300] + "..." : text;
    }
}
