using Microsoft.ML.Tokenizers;

namespace Memento.Llm;

/// <summary>cl100k (tiktoken) token counts, for the context and tool-result budgets.</summary>
public static class TokenCounter
{
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForModel("gpt-4"));

    public static int Count(string text) => text.Length == 0 ? 0 : Cl100k.Value.CountTokens(text);

    /// <summary>The text cut to at most <paramref name="budget"/> tokens, with a marker saying how much was dropped.</summary>
    public static string Trim(string text, int budget)
    {
        var total = Count(text);
        if (total <= budget) return text;
        return Head(text, budget) + $"\n...[truncated: {total - budget} of {total} tokens dropped]";
    }

    /// <summary>The longest prefix of <paramref name="text"/> of at most <paramref name="budget"/> tokens.</summary>
    public static string Head(string text, int budget) => text[..Cl100k.Value.GetIndexByTokenCount(text, budget, out _, out _)];
}
