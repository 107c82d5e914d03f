using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>
/// Carries a tool result's structured fields (url, path, exit code, ...) from the tool to the trajectory without showing
/// them to the model: the model sees the result text only, so the fields ride beside the call. A tool invoked by the
/// function-invocation loop attaches them to the call being answered (<see cref="FunctionInvokingChatClient.CurrentContext"/>);
/// the agent reads them back from that call in the executor's messages. Keyed by the call object itself, so the
/// messages sent on (and the cache keys made from them) are unchanged, and nothing outlives the call.
/// </summary>
public static class ToolCallFields
{
    private static readonly ConditionalWeakTable<FunctionCallContent, IReadOnlyDictionary<string, string>> Fields = new();

    /// <summary>Attaches <paramref name="fields"/> to the call the current function invocation answers (none: no-op).</summary>
    public static void Attach(IReadOnlyDictionary<string, string>? fields)
    {
        if (fields is { Count: > 0 } && FunctionInvokingChatClient.CurrentContext?.CallContent is { } call)
            Fields.AddOrUpdate(call, fields);
    }

    /// <summary>The fields attached to the call the current function invocation answers.</summary>
    public static IReadOnlyDictionary<string, string>? Current() =>
        FunctionInvokingChatClient.CurrentContext?.CallContent is { } call ? Of(call) : null;

    /// <summary>The fields a tool attached to <paramref name="call"/>, or null.</summary>
    public static IReadOnlyDictionary<string, string>? Of(FunctionCallContent call) => Fields.TryGetValue(call, out var f) ? f : null;

    /// <summary>An MCP result's structured content as fields: each top-level property, strings as they are, other
    /// values as JSON; null when it is not an object.</summary>
    public static IReadOnlyDictionary<string, string>? FromJson(JsonElement? structured) =>
        structured is { ValueKind: JsonValueKind.Object } o
            ? o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())
            : null;
}
