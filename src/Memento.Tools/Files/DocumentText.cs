namespace Memento.Tools.Files;

/// <summary>The text of a document, by its file extension: the one dispatch over the format readers.</summary>
internal static class DocumentText
{
    private static readonly Dictionary<string, (string Kind, Action<Stream, ExtractedText> Read)> Readers = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("pdf", PdfText.Read),
        [".docx"] = ("docx", WordText.Read),
        [".pptx"] = ("pptx", SlidesText.Read),
        [".xlsx"] = ("xlsx", SpreadsheetText.Read),
        [".xlsm"] = ("xlsx", SpreadsheetText.Read),
        [".csv"] = ("csv", (s, text) => CsvText.Read(s, ',', text)),
        [".tsv"] = ("csv", (s, text) => CsvText.Read(s, '\t', text)),
        [".json"] = ("json", MarkupText.Json),
        [".jsonld"] = ("json", MarkupText.Json),
        [".xml"] = ("xml", MarkupText.Xml),
        [".html"] = ("html", MarkupText.Html),
        [".htm"] = ("html", MarkupText.Html),
    };

    /// <summary>The kind a name is read as ("pdf", "xlsx", ..., "text" for everything else).</summary>
    public static string KindOf(string name) => Readers.TryGetValue(Path.GetExtension(name), out var r) ? r.Kind : "text";

    /// <summary>Reads a seekable stream as the format its name says into <paramref name="text"/>, stopping at its budget;
    /// a file that fails to parse is refused with the parser's reason.</summary>
    public static void Read(Stream stream, string name, ExtractedText text)
    {
        var (kind, reader) = Readers.TryGetValue(Path.GetExtension(name), out var r) ? r : ("text", PlainText.Read);
        try
        {
            reader(stream, text);
        }
        catch (ExtractedText.FullException)
        {
            // The budget is reached: what was read so far is the answer.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FileRefusedException($"'{name}' could not be read as {kind}: {e.Message}");
        }
    }
}
