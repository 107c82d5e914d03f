using Memento.Core;

namespace Memento.Tools;

/// <summary>
/// A tool's answer: <see cref="Text"/> for the model, <see cref="Fields"/> for the trajectory (url, status, bytes,
/// elapsed time and the like), and whether the call failed. A failure is an answer too — the model reads why.
/// </summary>
public sealed record ToolOutput(string Text, IReadOnlyDictionary<string, string> Fields, bool IsError = false)
{
    /// <summary>A successful answer with no structured fields.</summary>
    public static ToolOutput Ok(string text) => new(text, new Dictionary<string, string>());

    /// <summary>The fields with known secrets masked, as they leave the process (MCP result, trajectory).</summary>
    public IReadOnlyDictionary<string, string> RedactedFields() => Fields.ToDictionary(f => f.Key, f => Secrets.Redact(f.Value));

    /// <summary>A failed call; the text says why, in one line the model can act on.</summary>
    public static ToolOutput Error(string message) => new(message, new Dictionary<string, string>(), IsError: true);
}
