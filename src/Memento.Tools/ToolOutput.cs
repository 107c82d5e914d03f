using Memento.Core;

namespace Memento.Tools;

/// <summary>
/// A tool's answer: <see cref="Text"/> for the model, <see cref="Fields"/> for the trajectory (url, status, bytes,
/// elapsed time and the like), and whether the call failed. A failure is an answer too — the model reads why.
/// </summary>
public sealed record ToolOutput(string Text, IReadOnlyDictionary<string, string> Fields, bool IsError = false)
{
    /// <summary>Longest error text; an error that echoes a huge input is cut in its middle, keeping both ends.</summary>
    public const int MaxErrorChars = 2_000;

    /// <summary>A successful answer with no structured fields.</summary>
    public static ToolOutput Ok(string text) => new(text, new Dictionary<string, string>());

    /// <summary>The fields with known secrets masked, as they leave the process (MCP result, trajectory).</summary>
    public IReadOnlyDictionary<string, string> RedactedFields() => Fields.ToDictionary(f => f.Key, f => Secrets.Redact(f.Value));

    /// <summary>A failed call; the text says why, in one line the model can act on (at most <see cref="MaxErrorChars"/>).</summary>
    public static ToolOutput Error(string message) => new(Shorten(message), new Dictionary<string, string>(), IsError: true);

    private static string Shorten(string message)
    {
        if (message.Length <= MaxErrorChars) return message;
        const int head = MaxErrorChars * 3 / 4, tail = MaxErrorChars / 4 - 64;
        return $"{message[..head]} …[{message.Length - head - tail} characters cut]… {message[^tail..]}";
    }
}
