using Microsoft.ML.Tokenizers;

namespace Memento.Llm;

/// <summary>
/// cl100k (tiktoken) token counts, for the context and tool-result budgets. BPE merges inside one pre-token cost time
/// quadratic in its length (a 400 KB "word" took minutes), so text with a run of more than <see cref="LongRun"/>
/// characters without whitespace is counted in pieces cut inside such runs: the count then differs from the exact one
/// by at most a token per cut, and text without such runs is counted exactly as before.
/// </summary>
public static class TokenCounter
{
    /// <summary>Longest run without whitespace counted in one piece.</summary>
    public const int LongRun = 128;

    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForModel("gpt-4"));

    public static int Count(string text)
    {
        if (text.Length == 0) return 0;
        var total = 0;
        foreach (var (start, length) in Pieces(text)) total += Cl100k.Value.CountTokens(text.AsSpan(start, length));
        return total;
    }

    /// <summary>The text cut to at most <paramref name="budget"/> tokens, with a marker saying how much was dropped.</summary>
    public static string Trim(string text, int budget)
    {
        var total = Count(text);
        if (total <= budget) return text;
        return Head(text, budget) + $"\n...[truncated: {total - budget} of {total} tokens dropped]";
    }

    /// <summary>The longest prefix of <paramref name="text"/> of at most <paramref name="budget"/> tokens.</summary>
    public static string Head(string text, int budget)
    {
        var left = budget;
        foreach (var (start, length) in Pieces(text))
        {
            var piece = text.AsSpan(start, length);
            var cost = Cl100k.Value.CountTokens(piece);
            if (cost > left) return text[..(start + Cl100k.Value.GetIndexByTokenCount(piece, left, out _, out _))];
            left -= cost;
        }
        return text;
    }

    /// <summary>The text as one piece, or — when it has runs longer than <see cref="LongRun"/> without whitespace —
    /// cut inside those runs every <see cref="LongRun"/> characters (never between a surrogate pair).</summary>
    private static IEnumerable<(int Start, int Length)> Pieces(string text)
    {
        var start = 0;
        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            run = char.IsWhiteSpace(text[i]) ? 0 : run + 1;
            if (run < LongRun || char.IsHighSurrogate(text[i])) continue;
            yield return (start, i + 1 - start);
            start = i + 1;
            run = 0;
        }
        if (start < text.Length) yield return (start, text.Length - start);
    }
}
