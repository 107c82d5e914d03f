using System.Text.Json;
using System.Xml;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Memento.Tools.Files;

/// <summary>JSON (indented), XML (indented; DTDs refused, so no entity expansion or external fetches) and HTML (text)
/// → text. Each refuses nesting deeper than <see cref="ExtractedText.MaxDepth"/> and writes straight into the bounded
/// text, so a small file of deep nesting cannot make a large indented copy.</summary>
internal static class MarkupText
{
    private const string BlockElements = "p, div, br, li, tr, h1, h2, h3, h4, h5, h6, pre, blockquote, section, article, header, footer, table, dt, dd";

    public static void Json(Stream json, ExtractedText text)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions
        {
            AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = text.MaxDepth,
        });
        WriteJson(document.RootElement, text, 0);
    }

    private static void WriteJson(JsonElement element, ExtractedText text, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            case JsonValueKind.Array:
                var inner = new string(' ', 2 * (depth + 1));
                var isObject = element.ValueKind == JsonValueKind.Object;
                var items = isObject ? element.EnumerateObject().Select(p => (Name: (string?)p.Name, p.Value)) : element.EnumerateArray().Select(v => (Name: (string?)null, Value: v));
                text.Append(isObject ? '{' : '[');
                var first = true;
                foreach (var (name, value) in items)
                {
                    text.Append(first ? "\n" : ",\n").Append(inner);
                    if (name is not null) text.Append(JsonSerializer.Serialize(name)).Append(": ");
                    WriteJson(value, text, depth + 1);
                    first = false;
                }
                if (!first) text.Append('\n').Append(new string(' ', 2 * depth));
                text.Append(isObject ? '}' : ']');
                break;
            default:
                text.Append(element.GetRawText());
                break;
        }
    }

    public static void Xml(Stream xml, ExtractedText text)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true };
        using var reader = XmlReader.Create(xml, settings);
        using var writer = XmlWriter.Create(text.Writer(), new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment });
        while (reader.Read())
        {
            if (reader.Depth > text.MaxDepth) throw new FileRefusedException($"its elements nest deeper than {text.MaxDepth} levels");
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                    writer.WriteAttributes(reader, defattr: false);
                    if (reader.IsEmptyElement) writer.WriteEndElement();
                    break;
                case XmlNodeType.EndElement:
                    writer.WriteFullEndElement();
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.SignificantWhitespace:
                    writer.WriteString(reader.Value);
                    break;
                case XmlNodeType.CDATA:
                    writer.WriteCData(reader.Value);
                    break;
                case XmlNodeType.Comment:
                    writer.WriteComment(reader.Value);
                    break;
                case XmlNodeType.ProcessingInstruction:
                    writer.WriteProcessingInstruction(reader.Name, reader.Value);
                    break;
            }
        }
    }

    /// <summary>The visible text of an HTML document: title, then the body's text with blank runs collapsed; scripts and styles dropped.</summary>
    public static void Html(Stream html, ExtractedText text)
    {
        string source;
        using (var reader = new StreamReader(html, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true)) source = reader.ReadToEnd();
        HtmlDepth.Check(source, text.MaxDepth, text.Token);
        using var document = new HtmlParser().ParseDocument(source);
        foreach (var hidden in document.QuerySelectorAll("script, style, noscript, template")) hidden.Remove();
        // TextContent runs blocks together: mark where blocks and table cells end before taking it.
        foreach (var block in document.QuerySelectorAll(BlockElements)) block.Append(document.CreateTextNode("\n"));
        foreach (var cell in document.QuerySelectorAll("td, th")) cell.Append(document.CreateTextNode(" | "));
        var body = (document.Body ?? document.DocumentElement).TextContent;
        if (document.Title is { Length: > 0 } t) text.Append("# ").Append(t.Trim()).Append('\n');
        var first = true;
        foreach (var line in body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            if (!first) text.Append('\n');
            text.Append(line);
            first = false;
        }
    }
}
