using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using Drawing = DocumentFormat.OpenXml.Drawing;

namespace Memento.Tools.Files;

/// <summary>PPTX → text slide by slide, in presentation order: each text paragraph on a line, each table row on a line
/// with its cells separated by " | " (as DOCX tables are), then the speaker notes.</summary>
internal static class SlidesText
{
    public static void Read(Stream pptx, ExtractedText text)
    {
        using var document = OfficePackage.Open(pptx, s => PresentationDocument.Open(s, isEditable: false, OfficePackage.ReadOnly), text.MaxDepth);
        var part = document.PresentationPart;
        var slideIds = part?.Presentation?.SlideIdList?.Elements<SlideId>().ToList() ?? [];
        for (var i = 0; i < slideIds.Count; i++)
        {
            text.Append("--- slide ").Append((i + 1).ToString()).Append(" of ").Append(slideIds.Count.ToString()).AppendLine(" ---");
            if (slideIds[i].RelationshipId?.Value is not { } id || !part!.TryGetPartById(id, out var found) || found is not SlidePart slide) continue;
            Append(text, slide.Slide, 0);
            if (slide.NotesSlidePart?.NotesSlide is { } notes)
            {
                text.AppendLine("notes:");
                Append(text, notes, 0);
            }
        }
    }

    /// <summary>The paragraphs and tables under <paramref name="element"/>, in document order.</summary>
    private static void Append(ExtractedText text, OpenXmlElement? element, int depth)
    {
        if (depth > text.MaxDepth) throw new FileRefusedException($"a slide nests shapes deeper than {text.MaxDepth} levels");
        switch (element)
        {
            case null:
                return;
            case Drawing.Table table:
                foreach (var row in table.Elements<Drawing.TableRow>())
                    text.AppendLine(string.Join(" | ", row.Elements<Drawing.TableCell>().Select(Cell)));
                return;
            case Drawing.Paragraph paragraph:
                if (string.Concat(paragraph.Descendants<Drawing.Text>().Select(t => t.Text)) is { Length: > 0 } line) text.AppendLine(line);
                return;
            default:
                foreach (var child in element.ChildElements) Append(text, child, depth + 1);
                return;
        }
    }

    /// <summary>A table cell's paragraphs, joined by spaces so the row stays on one line.</summary>
    private static string Cell(Drawing.TableCell cell) =>
        string.Join(' ', cell.Descendants<Drawing.Paragraph>().Select(p => string.Concat(p.Descendants<Drawing.Text>().Select(t => t.Text))).Where(p => p.Length > 0));
}
