using Memento.Core.Agents;
using Memento.Core.Config;
using Memento.Core.Loop;
using Memento.Llm;
using Memento.Tools.Builtin;
using Microsoft.Extensions.AI;

namespace Memento.Tools.Adapters;

/// <summary>
/// The built-in tools in process, as the executor's <see cref="IToolProvider"/>: each <see cref="ITool"/> becomes a
/// <see cref="ToolFunction"/> cut to the result token budget (<see cref="TrimmedTool"/>), like an MCP server's tools —
/// the run wraps the provider in <see cref="CachedTools"/> so results are cached and redacted the same way. Tools that
/// take a scope get the episode's (<see cref="EpisodeScopes"/>), which the run tells when each episode ends
/// (<see cref="Episodes"/>) so <c>tools.workspace.cleanup</c> applies.
/// </summary>
public sealed class BuiltinToolbox(ToolSet tools, EpisodeScopes? scopes, int resultTokenBudget) : IToolProvider, IDisposable
{
    private IReadOnlyList<AITool>? _shared;

    /// <summary>The provider of <c>tools.builtin</c>, or null when none is listed. Episode workspaces go under
    /// <c>RUN/workspaces</c> (a temporary folder when there is no run folder).</summary>
    public static BuiltinToolbox? For(ToolsConfig config, string? runFolder, int resultTokenBudget, ToolServices? services = null)
    {
        if (config.BuiltinNames.Count == 0) return null;
        var tools = BuiltinTools.Create(config, services);
        var root = Path.Combine(runFolder ?? Path.Combine(Path.GetTempPath(), "memento-" + Guid.NewGuid().ToString("N")), "workspaces");
        return new BuiltinToolbox(tools, new EpisodeScopes(root, config.WorkspaceCleanup), resultTokenBudget);
    }

    /// <summary>Where the run reports finished episodes, so their folders are kept or removed; null when no tool has
    /// per-episode folders.</summary>
    public IEpisodeSink? Episodes => tools.NeedsScope ? scopes : null;

    public Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_shared ??= Functions(tools.For(null)));

    public Task<IReadOnlyList<AITool>> GetToolsAsync(AgentRequest episode, CancellationToken cancellationToken) =>
        tools.NeedsScope && scopes is not null
            ? Task.FromResult(Functions(tools.For(scopes.For(episode))))
            : GetToolsAsync(cancellationToken);

    private IReadOnlyList<AITool> Functions(IReadOnlyList<ITool> list) =>
        list.Select(t => (AITool)new TrimmedTool(new ToolFunction(t), resultTokenBudget)).ToList();

    public void Dispose()
    {
        tools.Dispose();
        scopes?.Dispose();
    }
}
