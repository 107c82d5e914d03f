using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using Drawing = DocumentFormat.OpenXml.Drawing;

namespace Memento.Tools.Files;

/// <summary>PPTX → text slide by slide, in presentation order, each text paragraph on a line, then the speaker notes.</summary>
internal static class SlidesText
{
    public static string Read(Stream pptx)
    {
        using var document = PresentationDocument.Open(pptx, isEditable: false, OfficeOpenSettings.ReadOnly);
        var part = document.PresentationPart;
        var slideIds = part?.Presentation?.SlideIdList?.Elements<SlideId>().ToList() ?? [];
        var text = new StringBuilder();
        for (var i = 0; i < slideIds.Count; i++)
        {
            text.Append("--- slide ").Append(i + 1).Append(" of ").Append(slideIds.Count).AppendLine(" ---");
            if (slideIds[i].RelationshipId?.Value is not { } id || part!.GetPartById(id) is not SlidePart slide) continue;
            AppendParagraphs(text, slide.Slide);
            if (slide.NotesSlidePart?.NotesSlide is { } notes)
            {
                text.AppendLine("notes:");
                AppendParagraphs(text, notes);
            }
        }
        return text.ToString();
    }

    private static void AppendParagraphs(StringBuilder text, DocumentFormat.OpenXml.OpenXmlElement? root)
    {
        foreach (var paragraph in root?.Descendants<Drawing.Paragraph>() ?? [])
            if (string.Concat(paragraph.Descendants<Drawing.Text>().Select(t => t.Text)) is { Length: > 0 } line)
                text.AppendLine(line);
    }
}
