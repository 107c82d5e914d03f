using System.ClientModel;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Memento.Core;
using Memento.Core.Loop;
using Memento.Core.Plugins;

namespace Memento.Llm;

/// <summary>Names what went wrong with a model request: its <see cref="EpisodeErrorKinds"/> kind and one line saying
/// what came back (an HTTP status with the server's message, a refused connection, a timeout).</summary>
internal static partial class LlmError
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
        System.Text.Json.JsonException => EpisodeErrorKinds.Server,
        _ => EpisodeErrorKinds.Other,
    };

    /// <summary>What came back, in a few words: <c>HTTP 401 invalid_request_error: bad key</c>, <c>connection refused</c>,
    /// <c>no answer within 120 s</c>.</summary>
    public static string Describe(Exception e, LlmEndpoint endpoint) => Secrets.Redact(e switch
    {
        ClientResultException { Status: > 0 } c => Http(c),
        ClientResultException { InnerException: { } inner } => Describe(inner, endpoint),
        HttpRequestException or SocketException when RetryPipeline.ConnectionFailure(e) is { } cause => cause,
        HttpRequestException { InnerException: SocketException s } => OneLine(s.Message),
        HttpRequestException h => OneLine(h.Message),
        TimeoutException or OperationCanceledException => $"no answer within {endpoint.Timeout.TotalSeconds:0.###} s",
        System.Text.Json.JsonException j => $"malformed response (not the JSON of a reply): {OneLine(j.Message)}",
        _ => $"{e.GetType().Name}: {OneLine(e.Message)}",
    });

    /// <summary>An HTTP error in one clean form, <c>HTTP 401 invalid_request_error (invalid_api_key): bad key</c>: the
    /// OpenAI SDK's message (<c>HTTP 401 (type: code)</c>, a blank line, the server's message) without the status said
    /// twice, an empty code or doubled spaces.</summary>
    internal static string Http(ClientResultException c)
    {
        var match = SdkMessage().Match(c.Message);
        if (!match.Success) return $"HTTP {c.Status}: {OneLine(c.Message)}";
        var (type, code, text) = (match.Groups["type"].Value.Trim(), match.Groups["code"].Value.Trim(), OneLine(match.Groups["text"].Value));
        var head = $"HTTP {c.Status}" + (type.Length > 0 ? " " + type : "") + (code.Length > 0 ? $" ({code})" : "");
        return text.Length > 0 ? $"{head}: {text}" : head;
    }

    [GeneratedRegex(@"^HTTP \d+\s*(\((?<type>[^:()]*):?(?<code>[^()]*)\))?(?<text>[\s\S]*)$")]
    private static partial Regex SdkMessage();

    private static bool IsContextLength(string message) =>
        message.Contains("context_length", StringComparison.OrdinalIgnoreCase) || message.Contains("context length", StringComparison.OrdinalIgnoreCase)
        || message.Contains("maximum context", StringComparison.OrdinalIgnoreCase) || message.Contains("too many tokens", StringComparison.OrdinalIgnoreCase);

    private static string OneLine(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length > 300 ? text[..300] + "..." : text;
    }
}
