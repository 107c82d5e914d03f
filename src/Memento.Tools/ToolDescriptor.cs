using System.Text.Json;

namespace Memento.Tools;

/// <summary>What a model is told about a tool: its name, what it does, and the JSON schema of its arguments.</summary>
public sealed record ToolDescriptor(string Name, string Description, JsonElement ParametersSchema);
