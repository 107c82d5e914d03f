using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Memento.Tools.Adapters;

/// <summary><c>memento tools serve</c>: the tools as one MCP server over stdio (ModelContextProtocol server SDK). Stdout
/// carries the protocol only; anything else goes to stderr.</summary>
public static class ToolServer
{
    public static async Task RunAsync(IReadOnlyList<ITool> tools, CancellationToken cancellationToken)
    {
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "memento-tools", Version = "1.0.0" },
            ToolCollection = [.. tools.Select(t => (McpServerTool)new McpTool(t))],
        };
        await using var server = McpServer.Create(new StdioServerTransport("memento-tools"), options);
        await server.RunAsync(cancellationToken);
    }
}
