namespace Memento.Cli.Running;

/// <summary>The command that started a run: recorded in its <c>run.json</c>.</summary>
internal sealed record Invocation(string CommandLine, IReadOnlyList<string> Sets)
{
    public static Invocation Of(IEnumerable<string> tokens, IReadOnlyList<string> sets) =>
        new("memento " + string.Join(' ', tokens.Select(Quote)), sets);

    private static string Quote(string token) =>
        token.Length > 0 && token.All(c => char.IsLetterOrDigit(c) || "-_./=:,@+%[]{}".Contains(c)) ? token : "'" + token.Replace("'", "'\\''") + "'";
}
