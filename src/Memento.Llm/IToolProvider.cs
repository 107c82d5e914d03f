using Memento.Core.Agents;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>Where the executor's tools come from (MCP servers, the built-in tools, or fixed functions in tests).</summary>
public interface IToolProvider
{
    /// <summary>The tools every episode shares.</summary>
    Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken cancellationToken);

    /// <summary>The tools of one episode: providers whose tools see an episode's files (its attachments, a workspace)
    /// make them here; the others give their shared tools.</summary>
    Task<IReadOnlyList<AITool>> GetToolsAsync(AgentRequest episode, CancellationToken cancellationToken) => GetToolsAsync(cancellationToken);
}
