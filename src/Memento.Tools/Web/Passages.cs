using Memento.Llm;
using Memento.Tools.Text;

namespace Memento.Tools.Web;

/// <summary>Cuts a long text to a token budget: from the start, or — given a query — the paragraphs-sized passages most
/// similar to it, kept in document order and marked where text was skipped.</summary>
internal static class Passages
{
    public static string Fit(string text, int budget, int chunkTokens, string? query, TextRanker ranker)
    {
        if (TokenCounter.Count(text) <= budget) return text;
        if (string.IsNullOrWhiteSpace(query)) return TokenCounter.Trim(text, budget);
        var chunks = Chunks(text, chunkTokens);
        var chosen = new List<int>();
        var used = 0;
        foreach (var i in ranker.TopK(query, chunks, chunks.Count))
        {
            var cost = TokenCounter.Count(chunks[i]);
            if (used + cost > budget) continue;
            chosen.Add(i);
            used += cost;
        }
        chosen.Sort();
        var parts = chosen.Select((c, n) => (n == 0 && c > 0) || (n > 0 && c != chosen[n - 1] + 1) ? "[...]\n\n" + chunks[c] : chunks[c]);
        var fitted = string.Join("\n\n", parts);
        return chosen.Count > 0 && chosen[^1] < chunks.Count - 1 ? fitted + "\n\n[...]" : fitted;
    }

    /// <summary>Paragraphs merged up to about <paramref name="chunkTokens"/> tokens; a longer paragraph is cut. A very
    /// long paragraph is first cut into windows of characters, so tokens are only ever counted on short texts.</summary>
    private static List<string> Chunks(string text, int chunkTokens)
    {
        var chunks = new List<string>();
        var current = "";
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SelectMany(p => Windows(p, chunkTokens * 4)))
        {
            var candidate = current.Length == 0 ? paragraph : current + "\n\n" + paragraph;
            if (TokenCounter.Count(candidate) <= chunkTokens) { current = candidate; continue; }
            if (current.Length > 0) chunks.Add(current);
            current = paragraph;
            while (TokenCounter.Count(current) > chunkTokens)
            {
                var head = TokenCounter.Head(current, chunkTokens);
                if (head.Length == 0) break;
                chunks.Add(head);
                current = current[head.Length..].TrimStart();
            }
        }
        if (current.Length > 0) chunks.Add(current);
        return chunks;
    }

    /// <summary>A paragraph as it is, or cut into pieces of <paramref name="size"/> characters when it is longer than
    /// four of them (never between a surrogate pair).</summary>
    private static IEnumerable<string> Windows(string paragraph, int size)
    {
        if (paragraph.Length <= 4 * size)
        {
            yield return paragraph;
            yield break;
        }
        for (var start = 0; start < paragraph.Length;)
        {
            var end = Math.Min(paragraph.Length, start + size);
            if (end < paragraph.Length && char.IsHighSurrogate(paragraph[end - 1])) end--;
            yield return paragraph[start..end];
            start = end;
        }
    }
}
