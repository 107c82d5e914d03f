using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>A fixed set of in-process functions, each trimmed to the token budget like MCP tools.</summary>
internal sealed class FunctionTools(IEnumerable<AIFunction> functions, int resultTokenBudget) : IToolProvider
{
    private readonly IReadOnlyList<AITool> _tools = functions.Select(f => (AITool)new TrimmedTool(f, resultTokenBudget)).ToList();

    public Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken cancellationToken) => Task.FromResult(_tools);
}
