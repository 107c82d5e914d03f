namespace Memento.Tools.Files;

/// <summary>Cuts a text to a character budget and says what was cut, so the model knows the rest exists.</summary>
internal static class TextBudget
{
    /// <param name="text">The text; when <paramref name="complete"/> is false, only the start of a longer one.</param>
    /// <param name="complete">Whether <paramref name="text"/> is the whole of what was read (false: extraction stopped at the budget).</param>
    public static (string Text, bool Cut) Apply(string text, int maxChars, bool complete = true)
    {
        if (text.Length <= maxChars) return (text, false);
        if (maxChars > 0 && char.IsHighSurrogate(text[maxChars - 1])) maxChars--; // never split a surrogate pair
        var kept = text[..maxChars];
        var rest = complete
            ? $"showing the first {maxChars} of {text.Length} characters; {text.AsSpan(maxChars).Count('\n')} more lines not shown"
            : $"showing the first {maxChars} characters; the rest of the file was not extracted";
        return ($"{kept}\n[cut: {rest} — read a ZIP member or a smaller file, or use run_python to search the rest]", true);
    }
}
