using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Memento.Tools.Adapters;

/// <summary><c>memento tools serve</c>: the tools as one MCP server over stdio (ModelContextProtocol server SDK). Stdout
/// carries the protocol only; anything else goes to stderr. A <c>tools/call</c> whose <c>arguments</c> is not a JSON
/// object is answered "invalid params" (-32602) naming what it was, before the SDK would fail to bind it.</summary>
public static class ToolServer
{
    public static async Task RunAsync(IReadOnlyList<ITool> tools, CancellationToken cancellationToken)
    {
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "memento-tools", Version = "1.0.0" },
            ToolCollection = [.. tools.Select(t => (McpServerTool)new McpTool(t))],
        };
        options.Filters.Message.IncomingFilters.Add(RefuseArgumentsThatAreNotObjects);
        await using var server = McpServer.Create(new StdioServerTransport("memento-tools"), options);
        await server.RunAsync(cancellationToken);
    }

    private static McpMessageHandler RefuseArgumentsThatAreNotObjects(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.ToolsCall } request
            && request.Params is JsonObject parameters && parameters["arguments"] is { } arguments and not JsonObject)
        {
            await context.Server.SendMessageAsync(new JsonRpcError
            {
                Id = request.Id,
                Error = new JsonRpcErrorDetail
                {
                    Code = (int)McpErrorCode.InvalidParams,
                    Message = $"tools/call: 'arguments' must be a JSON object of the tool's parameters, not {arguments.GetValueKind().ToString().ToLowerInvariant()}",
                },
            }, cancellationToken);
            return;
        }
        await next(context, cancellationToken);
    };
}
