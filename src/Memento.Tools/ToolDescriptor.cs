using System.Text.Json;

namespace Memento.Tools;

/// <summary>What a model is told about a tool: its name, what it does, and the JSON schema of its arguments.</summary>
/// <param name="AttachmentUse">For a tool that sees the episode's files (attachments, workspace): how the model reaches an
/// attached file with it, a format whose <c>{0}</c> is the file's name — the agent puts it in the task's prompt, and the
/// tool-result cache keys the tool's results by the episode. Null for tools that do not see the episode's files.</param>
public sealed record ToolDescriptor(string Name, string Description, JsonElement ParametersSchema, string? AttachmentUse = null);
