namespace Memento.Core;

/// <summary>A user-facing error: bad config, bad input file, bad arguments. The CLI prints its message as one line
/// and exits 2; the factory methods own the wording so messages stay uniform.</summary>
public class MementoException(string message, Exception? inner = null) : Exception(message, inner)
{
    public static MementoException MissingFile(string path, string what = "file") =>
        new($"{what} not found: {path}");

    public static MementoException AtLine(string path, long line, string problem) =>
        new($"{path}:{line}: {problem}");

    public static MementoException UnknownKey(string path, IEnumerable<string> allowed) =>
        new($"config: unknown key '{path}'; allowed here: {string.Join(", ", allowed)}");

    public static MementoException BadValue(string path, object? value, string expected) =>
        new($"config: {path} = '{value}' is invalid; expected {expected}");
}
