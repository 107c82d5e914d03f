using DocumentFormat.OpenXml.Packaging;
using Memento.Tools.Files;
using NUnit.Framework;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Memento.Tools.Tests;

/// <summary>#28 item 3: spreadsheet numbers shown through their number format, slide tables as rows.</summary>
public class OfficeFormatTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempFolder();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private Task<ToolOutput> Read(string name) =>
        new ReadFileTool(new ToolScope(_temp.Path, _temp.Sub("workspace")), new ReadFileSettings()).Call(new { path = name });

    /// <summary>Styles 0..7: General, built-in 14 (date), 21 (h:mm:ss), 10 (0.00%), then custom
    /// "yyyy-mm-dd hh:mm", "0.0%", "[h]:mm:ss" and "\"Total:\" 0.00".</summary>
    private static void StyledXlsx(string path, params (string Reference, double Value, uint Style)[] cells)
    {
        using var document = SpreadsheetDocument.Create(path, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        static S.CellFormat Xf(uint id) => new() { NumberFormatId = id, ApplyNumberFormat = true };
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new S.Stylesheet(
            new S.NumberingFormats(
                new S.NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm" },
                new S.NumberingFormat { NumberFormatId = 165, FormatCode = "0.0%" },
                new S.NumberingFormat { NumberFormatId = 166, FormatCode = "[h]:mm:ss" },
                new S.NumberingFormat { NumberFormatId = 167, FormatCode = "\"Total:\" 0.00" }),
            new S.Fonts(new S.Font()), new S.Fills(new S.Fill()), new S.Borders(new S.Border()),
            new S.CellFormats(Xf(0), Xf(14), Xf(21), Xf(10), Xf(164), Xf(165), Xf(166), Xf(167)));
        var data = new S.SheetData();
        foreach (var group in cells.GroupBy(c => uint.Parse(c.Reference[1..])))
            data.Append(new S.Row(group.Select(c => new S.Cell { CellReference = c.Reference, CellValue = new S.CellValue(c.Value), StyleIndex = c.Style })) { RowIndex = group.Key });
        var sheet = workbook.AddNewPart<WorksheetPart>();
        sheet.Worksheet = new S.Worksheet(data);
        workbook.Workbook = new S.Workbook(new S.Sheets(new S.Sheet { Name = "F", SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
    }

    [Test]
    public async Task Numbers_are_shown_through_their_number_format()
    {
        StyledXlsx(Path.Join(_temp.Path, "formats.xlsx"),
            ("A1", 42537, 1), ("B1", 0.5, 2), ("C1", 0.125, 3), ("D1", 42537.75, 4),
            ("A2", 0.1234, 5), ("B2", 1.5, 6), ("C2", 3, 7), ("D2", 42537, 0),
            ("A3", 1, 1), ("B3", 59, 1), ("C3", 61, 1), ("D3", 0.99998, 2));
        var output = await Read("formats.xlsx");
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(output.Text, Does.Contain("row 1: 2016-06-16\t12:00:00\t12.50%\t2016-06-16 18:00\n"));
        Assert.That(output.Text, Does.Contain("row 2: 12.3%\t36:00:00\t3\t42537\n"));
        Assert.That(output.Text, Does.Contain("row 3: 1900-01-01\t1900-02-28\t1900-03-01\t23:59:58\n"));
    }

    [Test]
    public async Task Slide_tables_are_rows_of_cells_like_docx_tables()
    {
        var path = Path.Join(_temp.Path, "table.pptx");
        using (var document = PresentationDocument.Create(path, DocumentFormat.OpenXml.PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            var slide = presentation.AddNewPart<SlidePart>();
            static A.TableCell Cell(params string[] paragraphs) =>
                new(new A.TextBody([new A.BodyProperties(), .. paragraphs.Select(p => new A.Paragraph(new A.Run(new A.Text(p))))]));
            var table = new A.Table(new A.TableGrid(),
                new A.TableRow(Cell("City"), Cell("Population")),
                new A.TableRow(Cell("Paris"), Cell("2.1", "million")));
            slide.Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree(
                new P.Shape(new P.TextBody(new A.BodyProperties(), new A.Paragraph(new A.Run(new A.Text("Cities"))))),
                new P.GraphicFrame(new A.Graphic(new A.GraphicData(table) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/table" })))));
            presentation.Presentation = new P.Presentation(new P.SlideIdList(new P.SlideId { Id = 256, RelationshipId = presentation.GetIdOfPart(slide) }));
        }
        var output = await Read("table.pptx");
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(output.Text, Is.EqualTo("--- slide 1 of 1 ---\nCities\nCity | Population\nParis | 2.1 million\n"));
    }
}
