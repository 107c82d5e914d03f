namespace Memento.Tools.Files;

/// <summary>
/// A linear scan of HTML source for how deep its elements nest, run before a parser sees it: the HTML tree builder
/// searches its stack of open elements on every start tag, so 200,000 nested <c>&lt;div&gt;</c>s (2 MB) cost minutes,
/// and the recursive walks after it the stack. Start tags count one level down and end tags one up; void elements,
/// self-closed tags, and elements whose end tag may be left out (p, li, td, ...) do not count, nor comments or the
/// text of script and style. Generous by design: a page is refused only when its depth passes the limit even so.
/// </summary>
internal static class HtmlDepth
{
    private static readonly HashSet<string> Uncounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "tbody", "thead", "tfoot",
        "colgroup", "caption", "html", "head", "body",
    };

    /// <summary>Throws <see cref="FileRefusedException"/> when the elements of <paramref name="html"/> nest deeper than
    /// <paramref name="maxDepth"/>.</summary>
    public static void Check(string html, int maxDepth, CancellationToken token)
    {
        var depth = 0;
        for (var i = html.IndexOf('<'); i >= 0 && i < html.Length - 1; i = html.IndexOf('<', i + 1))
        {
            if ((i & 0xffff) == 0) token.ThrowIfCancellationRequested();
            if (html.AsSpan(i).StartsWith("<!--"))
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0) return;
                i = end;
                continue;
            }
            var closing = html[i + 1] == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd])) nameEnd++;
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart])) continue;
            var name = html[nameStart..nameEnd];
            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0) return;
            if (!closing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                var end = html.IndexOf("</" + name, tagEnd, StringComparison.OrdinalIgnoreCase);
                if (end < 0) return;
                i = end;   // the search goes on after the end tag's '<': neither tag counts
                continue;
            }
            if (Uncounted.Contains(name)) continue;
            if (closing) depth = Math.Max(0, depth - 1);
            else if (html[tagEnd - 1] != '/' && ++depth > maxDepth)
                throw new FileRefusedException($"its elements nest deeper than {maxDepth} levels");
        }
    }
}
