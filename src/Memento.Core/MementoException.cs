using Memento.Core.Data;

namespace Memento.Core;

/// <summary>A user-facing error: bad config, bad input file, bad arguments. The CLI prints its message as one line
/// and exits 2; the factory methods own the wording so messages stay uniform.</summary>
public class MementoException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>A file or folder that is not there, named by its absolute path; a file of the dataset registry
    /// (a path ending like <c>memento/memory.jsonl</c>) also gets the <c>memento datasets fetch</c> command that provides it.</summary>
    public static MementoException MissingFile(string path, string what = "file")
    {
        var full = Path.GetFullPath(path);
        var fetch = DatasetRegistry.FetchCommandFor(full);
        return new($"{what} not found: {full}" + (fetch is null ? "" : $"; `{fetch}` downloads it"));
    }

    public static MementoException AtLine(string path, long line, string problem) =>
        new($"{path}:{line}: {problem}");

    /// <summary>A line that is not valid JSON. System.Text.Json parses each line alone, so its own position says
    /// "LineNumber: 0"; that part is dropped and only the column (1-based) is kept beside the file's line.</summary>
    public static MementoException InvalidJson(string path, long line, System.Text.Json.JsonException error)
    {
        var reason = error.Message;
        var position = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (position >= 0) reason = reason[..position].TrimEnd();
        var column = error.BytePositionInLine is { } bytes ? $" (column {bytes + 1})" : "";
        return AtLine(path, line, $"invalid JSON{column}: {reason}");
    }

    public static MementoException UnknownKey(string path, IEnumerable<string> allowed) =>
        new($"config: unknown key '{path}'; allowed here: {string.Join(", ", allowed)}");

    public static MementoException BadValue(string path, object? value, string expected) =>
        new($"config: {path} = '{value}' is invalid; expected {expected}");
}
