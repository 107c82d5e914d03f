using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Memento.Tools.Files;

/// <summary>DOCX → text: body paragraphs in order, tables row by row with cells separated by " | " (Open XML SDK).</summary>
internal static class WordText
{
    public static void Read(Stream docx, ExtractedText text)
    {
        using var document = OfficePackage.Open(docx, s => WordprocessingDocument.Open(s, isEditable: false, OfficePackage.ReadOnly), text.MaxDepth);
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null) return;
        foreach (var block in body.ChildElements)
        {
            switch (block)
            {
                case Paragraph paragraph:
                    text.AppendLine(paragraph.InnerText);
                    break;
                case Table table:
                    foreach (var row in table.Elements<TableRow>())
                        text.AppendLine(string.Join(" | ", row.Elements<TableCell>().Select(c => c.InnerText)));
                    break;
            }
        }
    }
}
