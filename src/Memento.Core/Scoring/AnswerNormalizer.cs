using System.Text;

namespace Memento.Core.Scoring;

/// <summary>DeepResearcher's answer normalisation: lower-case, ASCII punctuation → space, collapse whitespace, trim.
/// Articles are kept (unlike SQuAD's normaliser).</summary>
public static class AnswerNormalizer
{
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var ch in text.ToLowerInvariant())
        {
            if (char.IsWhiteSpace(ch) || (ch < 128 && char.IsPunctuation(ch)) || (ch < 128 && char.IsSymbol(ch)))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
