using Memento.Core;
using Memento.Core.Agents;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>The tools of several providers (MCP servers and the built-in tools) offered together, in the given order.
/// Tool names must be unique across them.</summary>
internal sealed class CombinedTools(IReadOnlyList<IToolProvider> providers) : IToolProvider, IAsyncDisposable
{
    public Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken cancellationToken) =>
        Combine(p => p.GetToolsAsync(cancellationToken));

    public Task<IReadOnlyList<AITool>> GetToolsAsync(AgentRequest episode, CancellationToken cancellationToken) =>
        Combine(p => p.GetToolsAsync(episode, cancellationToken));

    private async Task<IReadOnlyList<AITool>> Combine(Func<IToolProvider, Task<IReadOnlyList<AITool>>> get)
    {
        var tools = new List<AITool>();
        foreach (var provider in providers) tools.AddRange(await get(provider));
        if (tools.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new MementoException($"tools: the tool name '{twice.Key}' is offered twice (by tools.builtin and a tools.servers entry, or by two servers); tool names must be unique");
        return tools;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in providers) await Disposables.DisposeAsync(provider);
    }
}
