using System.Text;
using SmartReader;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Memento.Tools.Web;

/// <summary>The readable text of a fetched body: HTML → main content (SmartReader, a port of Mozilla's Readability)
/// → Markdown; PDF → text page by page (PdfPig); text, JSON, XML and CSV as they are. Other types are refused.</summary>
internal static class PageText
{
    /// <summary>The text and the kind it was read as (<c>html</c>, <c>pdf</c>, <c>text</c>); null text with a reason
    /// when the body cannot be read.</summary>
    public static (string? Text, string Kind) Extract(ReadOnlyMemory<byte> body, string? mediaType, string? charset, Uri url, bool truncated)
    {
        var kind = KindOf(body.Span, mediaType);
        return kind switch
        {
            "pdf" when truncated => (null, "the PDF is larger than the size cap, and a cut PDF cannot be read"),
            "pdf" => (Pdf(body), kind),
            "html" => (Html(Decode(body, charset), url), kind),
            "text" => (Decode(body, charset), kind),
            _ => (null, $"content type '{mediaType}' is not text, HTML or PDF"),
        };
    }

    private static string KindOf(ReadOnlySpan<byte> body, string? mediaType)
    {
        var type = (mediaType ?? "").ToLowerInvariant();
        if (type == "application/pdf" || body.StartsWith("%PDF-"u8)) return "pdf";
        if (type is "text/html" or "application/xhtml+xml") return "html";
        if (type.StartsWith("text/") || type.EndsWith("json") || type.EndsWith("xml") || type == "application/javascript") return "text";
        if (type.Length == 0 || type == "application/octet-stream")
        {
            var head = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 512)]).TrimStart().ToLowerInvariant();
            if (head.StartsWith("<!doctype html") || head.StartsWith("<html")) return "html";
            if (!body[..Math.Min(body.Length, 4096)].Contains((byte)0)) return "text";
        }
        return "binary";
    }

    private static string Html(string html, Uri url)
    {
        var article = Reader.ParseArticle(url.ToString(), html);
        var main = article.IsReadable && !string.IsNullOrWhiteSpace(article.Content) ? article.Content : html;
        var markdown = HtmlMarkdown.Convert(main, url);
        return string.IsNullOrWhiteSpace(article.Title) || markdown.StartsWith("# ") ? markdown : $"# {article.Title}\n\n{markdown}";
    }

    private static string Pdf(ReadOnlyMemory<byte> body)
    {
        using var document = PdfDocument.Open(body.ToArray());
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
            text.Append($"--- page {page.Number} ---\n").Append(ContentOrderTextExtractor.GetText(page).Trim()).Append("\n\n");
        return text.ToString().TrimEnd();
    }

    private static string Decode(ReadOnlyMemory<byte> body, string? charset)
    {
        var encoding = Encoding.UTF8;
        if (charset is { Length: > 0 })
        {
            try { encoding = Encoding.GetEncoding(charset.Trim('"')); }
            catch (ArgumentException) { }   // an unknown charset: UTF-8 is the web's default
        }
        return encoding.GetString(body.Span);
    }
}
