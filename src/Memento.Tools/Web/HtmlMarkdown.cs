using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Memento.Tools.Web;

/// <summary>
/// HTML → Markdown for a model to read: headings, paragraphs, lists, links (absolute), emphasis, code, quotes and
/// tables; scripts, styles, forms and navigation dropped. Written here over AngleSharp's DOM because no HTML-to-Markdown
/// package (e.g. ReverseMarkdown) is served to this project; it covers what readable page text needs, not round-trips.
/// </summary>
internal static partial class HtmlMarkdown
{
    private static readonly HashSet<string> Dropped =
        ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "NAV", "FORM", "BUTTON", "IFRAME", "HEAD", "SELECT", "INPUT"];

    private static readonly HashSet<string> Blocks =
        ["P", "DIV", "SECTION", "ARTICLE", "MAIN", "HEADER", "FOOTER", "ASIDE", "FIGURE", "FIGCAPTION", "DL", "DT", "DD", "ADDRESS"];

    public static string Convert(string html, Uri? baseUrl = null)
    {
        var document = new HtmlParser().ParseDocument(html);
        var output = new StringBuilder();
        Walk(document.Body ?? (INode)document, output, baseUrl, listDepth: 0);
        return BlankLines().Replace(output.ToString(), "\n\n").Trim();
    }

    private static void Walk(INode node, StringBuilder output, Uri? baseUrl, int listDepth)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                output.Append(Spaces().Replace(text.Data, " "));
                continue;
            }
            if (child is not IElement element || Dropped.Contains(element.TagName)) continue;
            Element(element, output, baseUrl, listDepth);
        }
    }

    private static void Element(IElement element, StringBuilder output, Uri? baseUrl, int listDepth)
    {
        var tag = element.TagName;
        switch (tag)
        {
            case "H1" or "H2" or "H3" or "H4" or "H5" or "H6":
                output.Append("\n\n").Append('#', tag[1] - '0').Append(' ').Append(Inline(element, baseUrl)).Append("\n\n");
                break;
            case "BR":
                output.Append('\n');
                break;
            case "HR":
                output.Append("\n\n---\n\n");
                break;
            case "PRE":
                output.Append("\n\n```\n").Append(element.TextContent.TrimEnd()).Append("\n```\n\n");
                break;
            case "CODE":
                output.Append('`').Append(element.TextContent).Append('`');
                break;
            case "STRONG" or "B":
                Wrap(element, output, baseUrl, "**");
                break;
            case "EM" or "I":
                Wrap(element, output, baseUrl, "*");
                break;
            case "A":
                var label = Inline(element, baseUrl);
                var href = element.GetAttribute("href");
                if (href is null || href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)) output.Append(label);
                else output.Append('[').Append(label).Append("](").Append(Absolute(href, baseUrl)).Append(')');
                break;
            case "IMG":
                if (element.GetAttribute("alt") is { Length: > 0 } alt) output.Append("[image: ").Append(alt).Append(']');
                break;
            case "UL" or "OL":
                output.Append('\n');
                var number = 0;
                foreach (var item in element.Children.Where(c => c.TagName == "LI"))
                {
                    output.Append('\n').Append(' ', listDepth * 2).Append(tag == "OL" ? $"{++number}. " : "- ");
                    Walk(item, output, baseUrl, listDepth + 1);
                }
                output.Append("\n\n");
                break;
            case "BLOCKQUOTE":
                var quoted = Convert(element.InnerHtml, baseUrl);
                output.Append("\n\n").Append(string.Join('\n', quoted.Split('\n').Select(l => "> " + l))).Append("\n\n");
                break;
            case "TABLE":
                Table(element, output, baseUrl);
                break;
            default:
                var block = Blocks.Contains(tag);
                if (block) output.Append("\n\n");
                Walk(element, output, baseUrl, listDepth);
                if (block) output.Append("\n\n");
                break;
        }
    }

    private static void Table(IElement table, StringBuilder output, Uri? baseUrl)
    {
        var rows = table.QuerySelectorAll("tr").Select(r => r.Children.Where(c => c.TagName is "TD" or "TH")
            .Select(c => Inline(c, baseUrl).Replace("|", "\\|")).ToList()).Where(r => r.Count > 0).ToList();
        if (rows.Count == 0) return;
        var width = rows.Max(r => r.Count);
        output.Append("\n\n");
        for (var i = 0; i < rows.Count; i++)
        {
            output.Append("| ").Append(string.Join(" | ", rows[i].Concat(Enumerable.Repeat("", width - rows[i].Count)))).Append(" |\n");
            if (i == 0) output.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", width))).Append('\n');
        }
        output.Append('\n');
    }

    private static void Wrap(IElement element, StringBuilder output, Uri? baseUrl, string mark)
    {
        var inner = Inline(element, baseUrl);
        if (inner.Length > 0) output.Append(mark).Append(inner).Append(mark);
    }

    private static string Inline(IElement element, Uri? baseUrl)
    {
        var inner = new StringBuilder();
        Walk(element, inner, baseUrl, 0);
        return Spaces().Replace(inner.ToString(), " ").Trim();
    }

    private static string Absolute(string href, Uri? baseUrl) =>
        baseUrl is not null && Uri.TryCreate(baseUrl, href, out var absolute) ? absolute.ToString() : href;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[ \t]*\n([ \t]*\n)+")]
    private static partial Regex BlankLines();
}
