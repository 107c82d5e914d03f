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
/// function-invocation context), so Pass@k attempts keep their own results. A tool that sees the episode's files
/// (<see cref="EpisodeFiles"/>: read_file, run_python, run_shell) answers the same arguments differently in another
/// task — <c>read_file(".")</c> lists another attachment folder — so its key also holds the episode's scope: task,
/// iteration, attempt and the run's seed. A miss calls the tool — in
/// <c>read-only</c> mode too, since a tool is not an LLM request; the stored result is redacted like every output. The
/// result's structured fields (<see cref="ToolCallFields"/>) are kept too, so a rerun logs the same trajectory.
/// </summary>
/// <param name="seed">The run's seed, part of an episode's scope: the points of a sweep over seeds share a cache file.</param>
internal sealed class CachedTools(IToolProvider inner, SqliteResponseCache cache, int seed) : IToolProvider, IAsyncDisposable
{
    private IReadOnlyList<AITool>? _tools;

    public async Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken cancellationToken) =>
        _tools ??= Cached(await inner.GetToolsAsync(cancellationToken), scope: null);

    public async Task<IReadOnlyList<AITool>> GetToolsAsync(AgentRequest episode, CancellationToken cancellationToken) =>
        Cached(await inner.GetToolsAsync(episode, cancellationToken),
            new object[] { episode.Task.Id, episode.Iteration, episode.Attempt, seed });

    /// <param name="scope">The episode's scope, keyed into the results of tools that see its files; null for the
    /// shared tools, which never do.</param>
    private List<AITool> Cached(IReadOnlyList<AITool> tools, object[]? scope) =>
        tools.Select(tool => tool is AIFunction function ? new CachedTool(function, cache, EpisodeFiles.Sees(tool) ? scope : null) : tool).ToList();

    public ValueTask DisposeAsync() => Disposables.DisposeAsync(inner);

    private sealed class CachedTool(AIFunction inner, SqliteResponseCache cache, object[]? scope) : DelegatingAIFunction(inner)
    {
        private const int Version = 1;

        protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
        {
            var key = Key(arguments);
            if (cache.Get(key) is { } stored)
            {
                if (cache.Get(FieldsKey(key)) is { } fields)
                    ToolCallFields.Attach(JsonSerializer.Deserialize<Dictionary<string, string>>(fields));
                return stored;
            }
            var result = await base.InvokeCoreAsync(arguments, cancellationToken);
            var text = result as string ?? JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions);
            cache.Put(key, "tool:" + Name, Secrets.Redact(text));
            if (ToolCallFields.Current() is { } made)
                cache.Put(FieldsKey(key), "tool-fields:" + Name, Secrets.Redact(JsonSerializer.Serialize(made)));
            return text;
        }

        /// <summary>The result's fields are a row of their own, so caches written before fields were kept still serve
        /// their results (then without fields).</summary>
        private static string FieldsKey(string key) => key + "-fields";

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
            // Only tools that see the episode's files get the entry, so the other tools' keys (and caches) stay as they were.
            if (scope is not null) description["scope"] = scope;
            return "tool-" + SqliteCachingChatClient.Hash(description);
        }
    }
}
