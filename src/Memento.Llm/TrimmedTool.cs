using System.Text.Json;
using Memento.Core.Agents;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Memento.Llm;

/// <summary>A tool whose result reaches the executor as text cut to a token budget. MCP tools are called directly so
/// their text blocks are joined rather than serialised as protocol JSON; an MCP error result is marked as such, and its
/// structured content goes to the trajectory as the call's fields (<see cref="ToolCallFields"/>).</summary>
public sealed class TrimmedTool(AIFunction inner, int tokenBudget) : DelegatingAIFunction(inner)
{
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        string text;
        if (InnerFunction is McpClientTool mcp)
        {
            var result = await mcp.CallAsync(arguments, cancellationToken: cancellationToken);
            text = string.Join("\n", result.Content.Select(block => block is TextContentBlock t ? t.Text : JsonSerializer.Serialize(block)));
            if (result.IsError == true) text = ToolCallTrace.ErrorPrefix + text;
            ToolCallFields.Attach(ToolCallFields.FromJson(result.StructuredContent));
        }
        else
        {
            var result = await base.InvokeCoreAsync(arguments, cancellationToken);
            text = result switch
            {
                null => "",
                string s => s,
                JsonElement e when e.ValueKind == JsonValueKind.String => e.GetString() ?? "",
                _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions),
            };
        }
        return TokenCounter.Trim(text, tokenBudget);
    }
}
