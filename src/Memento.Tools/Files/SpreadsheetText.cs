using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Memento.Tools.Files;

/// <summary>
/// XLSX → text: each sheet by name, then its rows as "row N: " and tab-separated cells placed by their column (empty
/// cells between values kept, so columns line up). Shared and inline strings are resolved; formulas show their cached
/// value; numbers are shown through their cell's number format (<see cref="CellFormats"/>: dates, times, percentages).
/// Sheets and shared strings are read as streams (<see cref="OpenXmlReader"/>), never as a whole tree, and the text
/// stops at its budget, so a small file of millions of empty cells costs time, not memory. Columns past Excel's last
/// (XFD, 16,384) are not placed: such cells are counted and named once.
/// </summary>
internal static class SpreadsheetText
{
    /// <summary>Excel's last column, XFD.</summary>
    public const int MaxColumns = 16_384;

    public static void Read(Stream xlsx, ExtractedText text)
    {
        using var document = OfficePackage.Open(xlsx, s => SpreadsheetDocument.Open(s, isEditable: false, OfficePackage.ReadOnly), text.MaxDepth);
        var workbook = document.WorkbookPart;
        if (workbook?.Workbook?.Sheets is not { } sheets) return;
        var shared = SharedStrings(workbook.SharedStringTablePart, text.Token);
        var formats = CellFormats.Of(workbook);
        foreach (var sheet in sheets.Elements<Sheet>())
        {
            text.Append("--- sheet '").Append(sheet.Name?.Value).AppendLine("' ---");
            if (sheet.Id?.Value is not { } id || !workbook.TryGetPartById(id, out var found) || found is not WorksheetPart part) continue;
            Rows(part, shared, formats, text);
        }
    }

    private static void Rows(WorksheetPart part, List<string> shared, CellFormats formats, ExtractedText text)
    {
        using var reader = OpenXmlReader.Create(part);
        var cells = new List<string>();
        string? row = null;
        var beyond = 0;
        var moved = reader.Read();
        while (moved)
        {
            text.Token.ThrowIfCancellationRequested();
            if (reader.ElementType == typeof(Cell) && reader.IsStartElement)
            {
                var cell = (Cell)reader.LoadCurrentElement()!;   // leaves the reader on the next element
                var value = Value(cell, shared, formats);
                var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                if (column >= MaxColumns) beyond++;
                else if (value.Length > 0)
                {
                    while (cells.Count < column) cells.Add("");
                    cells.Add(value);
                }
                moved = !reader.EOF;
                continue;
            }
            if (reader.ElementType == typeof(Row))
            {
                if (reader.IsStartElement)
                {
                    row = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                    cells.Clear();
                }
                else if (cells.Count > 0) text.Append("row ").Append(row ?? "?").Append(": ").AppendLine(string.Join('\t', cells));
            }
            moved = reader.Read();
        }
        if (beyond > 0) text.AppendLine($"[{beyond} cells beyond column XFD (Excel's last, {MaxColumns}) not shown]");
    }

    /// <summary>The shared string table, read as a stream.</summary>
    private static List<string> SharedStrings(SharedStringTablePart? part, CancellationToken token)
    {
        var strings = new List<string>();
        if (part is null) return strings;
        using var reader = OpenXmlReader.Create(part);
        var moved = reader.Read();
        while (moved)
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                token.ThrowIfCancellationRequested();
                strings.Add(reader.LoadCurrentElement()!.InnerText);
                moved = !reader.EOF;
                continue;
            }
            moved = reader.Read();
        }
        return strings;
    }

    private static string Value(Cell cell, List<string> shared, CellFormats formats)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString) return int.TryParse(raw, out var i) && i >= 0 && i < shared.Count ? shared[i] : raw;
        if (type == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        if (type == CellValues.Boolean) return raw == "1" ? "TRUE" : "FALSE";
        if (type is null || type == CellValues.Number) return formats.Show(raw, cell.StyleIndex?.Value);
        return raw;
    }

    /// <summary>0-based column of a reference such as "C7" (→ 2); null when there is none. Letters past the third
    /// (beyond any real column) saturate at <see cref="MaxColumns"/>.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
            if (column > MaxColumns) return MaxColumns;
        }
        return column == 0 ? null : column - 1;
    }
}
