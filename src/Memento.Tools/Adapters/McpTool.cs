using System.Text.Json;
using Memento.Core;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Memento.Tools.Adapters;

/// <summary>An <see cref="ITool"/> as an MCP server tool: its descriptor is the listed tool, a call's arguments go to
/// the tool as one JSON object, its text is the result's text block, its fields the structured content.</summary>
internal sealed class McpTool(ITool tool) : McpServerTool
{
    public override Tool ProtocolTool { get; } = new()
    {
        Name = tool.Descriptor.Name,
        Description = tool.Descriptor.Description,
        InputSchema = tool.Descriptor.ParametersSchema,
    };

    public override IReadOnlyList<object> Metadata => [];

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        var arguments = JsonSerializer.SerializeToElement(request.Params?.Arguments ?? new Dictionary<string, JsonElement>());
        var output = await tool.InvokeAsync(arguments, cancellationToken);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = Secrets.Redact(output.Text) }],
            StructuredContent = output.Fields.Count > 0 ? JsonSerializer.SerializeToElement(output.Fields) : null,
            IsError = output.IsError,
        };
    }
}
