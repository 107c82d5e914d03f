using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Memento.Tools.Files;

/// <summary>JSON (indented), XML (indented; DTDs refused, so no entity expansion or external fetches) and HTML (text) → text.</summary>
internal static class MarkupText
{
    private const string BlockElements = "p, div, br, li, tr, h1, h2, h3, h4, h5, h6, pre, blockquote, section, article, header, footer, table, dt, dd";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Json(Stream json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        return JsonSerializer.Serialize(document.RootElement, Indented);
    }

    public static string Xml(Stream xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(xml, settings);
        return XDocument.Load(reader).ToString();
    }

    /// <summary>The visible text of an HTML document: title, then the body's text with blank runs collapsed; scripts and styles dropped.</summary>
    public static string Html(Stream html)
    {
        using var document = new HtmlParser().ParseDocument(html);
        foreach (var hidden in document.QuerySelectorAll("script, style, noscript, template")) hidden.Remove();
        // TextContent runs blocks together: mark where blocks and table cells end before taking it.
        foreach (var block in document.QuerySelectorAll(BlockElements)) block.Append(document.CreateTextNode("\n"));
        foreach (var cell in document.QuerySelectorAll("td, th")) cell.Append(document.CreateTextNode(" | "));
        var body = (document.Body ?? document.DocumentElement).TextContent;
        var lines = body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
        var title = document.Title is { Length: > 0 } t ? $"# {t.Trim()}\n" : "";
        return title + string.Join('\n', lines);
    }
}
