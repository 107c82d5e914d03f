namespace Memento.Core.Config;

/// <summary>One MCP tool server spoken to over stdio.</summary>
public sealed record ToolServerConfig(string Name, string Command, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Env);
