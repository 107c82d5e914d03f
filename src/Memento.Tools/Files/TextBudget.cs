namespace Memento.Tools.Files;

/// <summary>Cuts a text to a character budget and says what was cut, so the model knows the rest exists.</summary>
internal static class TextBudget
{
    public static (string Text, bool Cut) Apply(string text, int maxChars)
    {
        if (text.Length <= maxChars) return (text, false);
        if (maxChars > 0 && char.IsHighSurrogate(text[maxChars - 1])) maxChars--; // never split a surrogate pair
        var kept = text[..maxChars];
        var lines = text.AsSpan(maxChars).Count('\n');
        return ($"{kept}\n[cut: showing the first {maxChars} of {text.Length} characters; {lines} more lines not shown — " +
                "read a ZIP member or a smaller file, or use run_python to search the rest]", true);
    }
}
