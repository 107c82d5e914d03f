using System.Text.Json;
using Memento.Core;
using Memento.Core.Agents;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>
/// Keeps tool results in the run's response cache, beside the chat responses. Without it a rerun from the cache
/// calls the tools again, and a tool whose answer changes (a web search, a clock) feeds the executor's next request a
/// different result: that request's key no longer matches, and a <c>read-only</c> rerun stops on a cache miss. The
/// key is the tool's name, its arguments and the episode's attempt tag (the one the chat cache uses, read from the
/// function-invocation context), so Pass@k attempts keep their own results. A miss calls the tool — in
/// <c>read-only</c> mode too, since a tool is not an LLM request; the stored result is redacted like every output.
/// </summary>
internal sealed class CachedTools(IToolProvider inner, SqliteResponseCache cache) : IToolProvider, IAsyncDisposable
{
    private IReadOnlyList<AITool>? _tools;

    public async Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken cancellationToken) =>
        _tools ??= Cached(await inner.GetToolsAsync(cancellationToken));

    public async Task<IReadOnlyList<AITool>> GetToolsAsync(AgentRequest episode, CancellationToken cancellationToken) =>
        Cached(await inner.GetToolsAsync(episode, cancellationToken));

    private List<AITool> Cached(IReadOnlyList<AITool> tools) =>
        tools.Select(tool => tool is AIFunction function ? new CachedTool(function, cache) : tool).ToList();

    public ValueTask DisposeAsync() => Disposables.DisposeAsync(inner);

    private sealed class CachedTool(AIFunction inner, SqliteResponseCache cache) : DelegatingAIFunction(inner)
    {
        private const int Version = 1;

        protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
        {
            var key = Key(arguments);
            if (cache.Get(key) is { } stored) return stored;
            var result = await base.InvokeCoreAsync(arguments, cancellationToken);
            var text = result as string ?? JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions);
            cache.Put(key, "tool:" + Name, Secrets.Redact(text));
            return text;
        }

        private string Key(AIFunctionArguments arguments)
        {
            var description = new Dictionary<string, object?>
            {
                ["v"] = Version,
                ["tool"] = Name,
                ["attempt"] = SqliteCachingChatClient.AttemptOf(FunctionInvokingChatClient.CurrentContext?.Options),
                ["arguments"] = arguments.OrderBy(a => a.Key, StringComparer.Ordinal)
                    .Select(a => new[] { a.Key, JsonSerializer.Serialize(a.Value, AIJsonUtilities.DefaultOptions) }).ToArray(),
            };
            return "tool-" + SqliteCachingChatClient.Hash(description);
        }
    }
}
