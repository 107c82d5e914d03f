using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Memento.Tools.Tests;

/// <summary>Attachments of each type, written by the same libraries read_file reads them with.</summary>
public static class Attachments
{
    public static void Pdf(string path, params string[] pages)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pages) builder.AddPage(595, 842).AddText(text, 12, new PdfPoint(50, 700), font);
        File.WriteAllBytes(path, builder.Build());
    }

    public static void Docx(string path, string paragraph, string[][] table)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var rows = table.Select(r => new W.TableRow(r.Select(c => new W.TableCell(new W.Paragraph(new W.Run(new W.Text(c)))))));
        document.AddMainDocumentPart().Document = new W.Document(new W.Body(
            new W.Paragraph(new W.Run(new W.Text(paragraph))), new W.Table(rows)));
    }

    public static void Pptx(string path, params (string Title, string Notes)[] slides)
    {
        using var document = PresentationDocument.Create(path, PresentationDocumentType.Presentation);
        var presentation = document.AddPresentationPart();
        var ids = new P.SlideIdList();
        for (var i = 0; i < slides.Length; i++)
        {
            var slide = presentation.AddNewPart<SlidePart>();
            slide.Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree(TextShape(slides[i].Title))));
            var notes = slide.AddNewPart<NotesSlidePart>();
            notes.NotesSlide = new P.NotesSlide(new P.CommonSlideData(new P.ShapeTree(TextShape(slides[i].Notes))));
            ids.Append(new P.SlideId { Id = (uint)(256 + i), RelationshipId = presentation.GetIdOfPart(slide) });
        }
        presentation.Presentation = new P.Presentation(ids);
    }

    private static P.Shape TextShape(string text) =>
        new(new P.TextBody(new A.BodyProperties(), new A.Paragraph(new A.Run(new A.Text(text)))));

    /// <summary>A workbook with two sheets; strings go through the shared string table, numbers stay numbers.</summary>
    public static void Xlsx(string path, params (string Name, object[][] Rows)[] sheets)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var shared = new List<string>();
        var sheetList = new S.Sheets();
        for (var i = 0; i < sheets.Length; i++)
        {
            var data = new S.SheetData();
            for (var r = 0; r < sheets[i].Rows.Length; r++)
            {
                var row = new S.Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < sheets[i].Rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    if (sheets[i].Rows[r][c] is string s)
                    {
                        shared.Add(s);
                        row.Append(new S.Cell { CellReference = reference, DataType = S.CellValues.SharedString, CellValue = new S.CellValue(shared.Count - 1) });
                    }
                    else if (sheets[i].Rows[r][c] is double d) row.Append(new S.Cell { CellReference = reference, CellValue = new S.CellValue(d) });
                }
                data.Append(row);
            }
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = new S.Worksheet(data);
            sheetList.Append(new S.Sheet { Name = sheets[i].Name, SheetId = (uint)(i + 1), Id = workbook.GetIdOfPart(part) });
        }
        workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new S.SharedStringTable(shared.Select(s => new S.SharedStringItem(new S.Text(s))));
        workbook.Workbook = new S.Workbook(sheetList);
    }

    public static void Zip(string path, params (string Name, byte[] Content)[] members)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in members)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(content);
        }
    }
}
