namespace Memento.Tools.Files;

/// <summary>The text of a document, by its file extension: the one dispatch over the format readers.</summary>
internal static class DocumentText
{
    private static readonly Dictionary<string, (string Kind, Func<Stream, string> Read)> Readers = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("pdf", PdfText.Read),
        [".docx"] = ("docx", WordText.Read),
        [".pptx"] = ("pptx", SlidesText.Read),
        [".xlsx"] = ("xlsx", SpreadsheetText.Read),
        [".xlsm"] = ("xlsx", SpreadsheetText.Read),
        [".csv"] = ("csv", s => CsvText.Read(s, ',')),
        [".tsv"] = ("csv", s => CsvText.Read(s, '\t')),
        [".json"] = ("json", MarkupText.Json),
        [".jsonld"] = ("json", MarkupText.Json),
        [".xml"] = ("xml", MarkupText.Xml),
        [".html"] = ("html", MarkupText.Html),
        [".htm"] = ("html", MarkupText.Html),
    };

    /// <summary>The kind a name is read as ("pdf", "xlsx", ..., "text" for everything else).</summary>
    public static string KindOf(string name) => Readers.TryGetValue(Path.GetExtension(name), out var r) ? r.Kind : "text";

    /// <summary>Reads a seekable stream as the format its name says; a file that fails to parse is refused with the parser's reason.</summary>
    public static string Read(Stream stream, string name)
    {
        if (!Readers.TryGetValue(Path.GetExtension(name), out var reader)) return PlainText.Read(stream);
        try
        {
            return reader.Read(stream);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FileRefusedException($"'{name}' could not be read as {reader.Kind}: {e.Message}");
        }
    }
}
