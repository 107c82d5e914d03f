using System.Text.Json;

namespace Memento.Tools.Tests;

/// <summary>Calls a tool as a model would: arguments as a JSON object.</summary>
public static class ToolCalls
{
    public static Task<ToolOutput> Call(this ITool tool, object arguments) =>
        tool.InvokeAsync(JsonSerializer.SerializeToElement(arguments), CancellationToken.None);
}
