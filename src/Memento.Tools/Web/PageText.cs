using System.Text;
using Memento.Tools.Files;
using SmartReader;

namespace Memento.Tools.Web;

/// <summary>The readable text of a fetched body: HTML → main content (SmartReader, a port of Mozilla's Readability)
/// → Markdown; PDF → text page by page (<see cref="PdfText"/>, with its inflation guard); text, JSON, XML and CSV as
/// they are. Other types are refused. HTML nested deeper than the limit is refused before it is parsed
/// (<see cref="HtmlDepth"/>), and the text is written into a bounded <see cref="ExtractedText"/>.</summary>
internal static class PageText
{
    /// <summary>The kind the body was read as (<c>html</c>, <c>pdf</c>, <c>text</c>) with its text in
    /// <paramref name="text"/>; null with a reason instead when the body cannot be read.</summary>
    public static (bool Read, string KindOrReason) Extract(byte[] body, string? mediaType, string? charset, Uri url, bool truncated, ExtractedText text)
    {
        var kind = KindOf(body, mediaType);
        try
        {
            switch (kind)
            {
                case "pdf" when truncated:
                    return (false, "the PDF is larger than the size cap, and a cut PDF cannot be read");
                case "pdf":
                    PdfText.Read(body, text, numbered: false);
                    break;
                case "html":
                    text.Append(Html(Decode(body, charset), url, text));
                    break;
                case "text":
                    text.Append(Decode(body, charset));
                    break;
                default:
                    return (false, $"content type '{mediaType}' is not text, HTML or PDF");
            }
        }
        catch (ExtractedText.FullException)
        {
            // The text reached its cap: what was read so far is the page.
        }
        return (true, kind);
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

    private static string Html(string html, Uri url, ExtractedText limits)
    {
        HtmlDepth.Check(html, limits.MaxDepth, limits.Token);
        var article = Reader.ParseArticle(url.ToString(), html);
        limits.Token.ThrowIfCancellationRequested();
        var main = article.IsReadable && !string.IsNullOrWhiteSpace(article.Content) ? article.Content : html;
        var markdown = HtmlMarkdown.Convert(main, url);
        return string.IsNullOrWhiteSpace(article.Title) || markdown.StartsWith("# ") ? markdown : $"# {article.Title}\n\n{markdown}";
    }

    private static string Decode(ReadOnlySpan<byte> body, string? charset)
    {
        var encoding = Encoding.UTF8;
        if (charset is { Length: > 0 })
        {
            try { encoding = Encoding.GetEncoding(charset.Trim('"')); }
            catch (ArgumentException) { }   // an unknown charset: UTF-8 is the web's default
        }
        return encoding.GetString(body);
    }
}
