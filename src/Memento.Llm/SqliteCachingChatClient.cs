using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Memento.Core;
using Microsoft.Extensions.AI;
using Memento.Core.Plugins;

namespace Memento.Llm;

/// <summary>
/// The response cache decorator. The key is a SHA-256 over a deliberate, canonical description of the request: a
/// format version, the endpoint and model, every message (role, texts, tool calls and results), the tools offered
/// (name, description, schema), the sampling options, and the <b>attempt tag</b> the agent sets per episode — so the
/// k attempts of Pass@k, and the retries of a judge, are separate entries and never collapse into one.
/// The tag travels in <see cref="ChatOptions.AdditionalProperties"/> and is removed before the request goes on.
/// A served response carries its tokens again in the usage counts <see cref="HitInputTokens"/> and
/// <see cref="HitOutputTokens"/> and counts itself in <see cref="Hits"/>; these sum through the tool loop, so a
/// <see cref="ModelMeter"/> can price hits apart and count them.
/// </summary>
/// <param name="onHit">Told each response served from the cache (the run's totals).</param>
internal sealed class SqliteCachingChatClient(IChatClient inner, SqliteResponseCache? cache, LlmEndpoint endpoint, Action? onHit = null)
    : DelegatingChatClient(inner)
{
    public const string AttemptKey = "memento.attempt";
    public const string HitInputTokens = "memento.cache_hit_input_tokens";
    public const string HitOutputTokens = "memento.cache_hit_output_tokens";
    public const string Hits = "memento.cache_hits";
    private const int Version = 1;

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var attempt = AttemptOf(options);
        var forwarded = WithoutAttempt(options);
        if (cache is null) return await base.GetResponseAsync(list, forwarded, cancellationToken);

        var key = Key(list, forwarded, attempt);
        // A request another client (another point of a sweep) is sending is awaited, not sent twice: every key gets one
        // response, as when the clients run one after another.
        for (var claim = cache.Claim(key); ; claim = cache.Claim(key))
        {
            if (claim.Stored is { } stored)
            {
                onHit?.Invoke();
                return MarkedAsHit(JsonSerializer.Deserialize<ChatResponse>(stored, AIJsonUtilities.DefaultOptions)
                                   ?? throw new MementoException($"cache file {cache.FilePath}: unreadable entry {key}"));
            }
            if (claim.Sending is null) break;
            await claim.Sending.WaitAsync(cancellationToken);
        }
        if (cache.ReadOnly)
            throw new MementoException(
                $"cache miss in read-only mode ({cache.FilePath}): no stored response for model '{endpoint.Model}', attempt '{attempt}' " +
                $"(key {key[..12]}); no request was sent. Rerun with cache.mode: read-write to fill it.");
        try
        {
            var response = await base.GetResponseAsync(list, forwarded, cancellationToken);
            // The cache is a file on disk like the run folder: a reply that repeats the key is stored without it.
            cache.Put(key, endpoint.Model, Secrets.Redact(JsonSerializer.Serialize(response, AIJsonUtilities.DefaultOptions)));
            return response;
        }
        finally
        {
            cache.Release(key);   // after a failure; a no-op after Put
        }
    }

    private static ChatResponse MarkedAsHit(ChatResponse response)
    {
        var usage = response.Usage ??= new UsageDetails();
        usage.AdditionalCounts ??= new AdditionalPropertiesDictionary<long>();
        usage.AdditionalCounts[HitInputTokens] = usage.InputTokenCount ?? 0;
        usage.AdditionalCounts[HitOutputTokens] = usage.OutputTokenCount ?? 0;
        usage.AdditionalCounts[Hits] = 1;
        return response;
    }

    public string Key(IReadOnlyList<ChatMessage> messages, ChatOptions? options, string attempt)
    {
        var description = new Dictionary<string, object?>
        {
            ["v"] = Version,
            ["endpoint"] = endpoint.Identity,
            ["attempt"] = attempt,
            ["messages"] = messages.Select(m => new object?[] { m.Role.Value, m.Contents.Select(Canonical).ToArray() }).ToArray(),
            ["tools"] = options?.Tools?.Select(t => t is AIFunctionDeclaration f
                ? new object?[] { f.Name, f.Description, f.JsonSchema.GetRawText() }
                : new object?[] { t.Name, t.Description }).ToArray(),
            ["temperature"] = options?.Temperature,
            ["top_p"] = options?.TopP,
            ["max_output_tokens"] = options?.MaxOutputTokens,
            ["seed"] = options?.Seed,
            ["stop"] = options?.StopSequences,
            ["tool_mode"] = options?.ToolMode?.ToString(),
            ["response_format"] = options?.ResponseFormat is { } format ? JsonSerializer.Serialize(format, AIJsonUtilities.DefaultOptions) : null,
            ["model_override"] = options?.ModelId,
        };
        return Hash(description);
    }

    /// <summary>The attempt tag the agent set on these options ("" when none).</summary>
    internal static string AttemptOf(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(AttemptKey, out var tag) == true ? tag?.ToString() ?? "" : "";

    /// <summary>SHA-256 (hex) of a canonical description's JSON: a cache key.</summary>
    internal static string Hash(object description) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(description, AIJsonUtilities.DefaultOptions))));

    private static object?[] Canonical(AIContent content) => content switch
    {
        TextContent t => ["text", t.Text],
        FunctionCallContent c => ["call", c.CallId, c.Name, JsonSerializer.Serialize(c.Arguments, AIJsonUtilities.DefaultOptions)],
        FunctionResultContent r => ["result", r.CallId, r.Result as string ?? JsonSerializer.Serialize(r.Result, AIJsonUtilities.DefaultOptions)],
        _ => [content.GetType().Name, JsonSerializer.Serialize(content, AIJsonUtilities.DefaultOptions)],
    };

    private static ChatOptions? WithoutAttempt(ChatOptions? options)
    {
        if (options?.AdditionalProperties?.ContainsKey(AttemptKey) != true) return options;
        var copy = options.Clone();
        copy.AdditionalProperties = new AdditionalPropertiesDictionary(options.AdditionalProperties.Where(p => p.Key != AttemptKey));
        if (copy.AdditionalProperties.Count == 0) copy.AdditionalProperties = null;
        return copy;
    }
}

internal static class ChatOptionsAttempt
{
    /// <summary>A copy of the options tagged with the attempt (part of the cache key, never sent).</summary>
    public static ChatOptions WithAttempt(this ChatOptions options, string attempt)
    {
        var copy = options.Clone();
        copy.AdditionalProperties = new AdditionalPropertiesDictionary(options.AdditionalProperties ?? new()) { [SqliteCachingChatClient.AttemptKey] = attempt };
        return copy;
    }
}
