using System.Globalization;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>
/// Marks the executor's tools that see the episode's files (its attachments and workspace) and says how each reaches an
/// attached file. The mark rides in <see cref="AITool.AdditionalProperties"/>, which wrapping tools pass on and which
/// never reaches the model or a chat cache key. Two readers: the agent, which tells the planner and the executor in the
/// task's prompt that a file is attached and how each offered tool opens it (<see cref="Prompts.Attachments"/>), and
/// the tool-result cache, which keys such a tool's results by the episode (<see cref="CachedTools"/>) — the same
/// arguments mean another file in another task.
/// </summary>
public static class EpisodeFiles
{
    /// <summary>The property's key; its value is a format whose <c>{0}</c> is the attached file's name.</summary>
    public const string AttachmentUseKey = "memento.attachment_use";

    /// <summary>The properties of a tool that sees the episode's files and reaches an attachment as
    /// <paramref name="attachmentUse"/> says.</summary>
    public static IReadOnlyDictionary<string, object?> Properties(string attachmentUse) =>
        new AdditionalPropertiesDictionary { [AttachmentUseKey] = attachmentUse };

    /// <summary>Whether the tool's answers depend on the episode's files.</summary>
    public static bool Sees(AITool tool) => tool.AdditionalProperties.ContainsKey(AttachmentUseKey);

    /// <summary>How the tool reaches the attached file <paramref name="fileName"/>, or null when it does not see the
    /// episode's files.</summary>
    public static string? Use(AITool tool, string fileName) =>
        tool.AdditionalProperties.TryGetValue(AttachmentUseKey, out var use) && use is string format
            ? string.Format(CultureInfo.InvariantCulture, format, fileName)
            : null;
}
