using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Memento.Tools.Files;

/// <summary>
/// XLSX → text: each sheet by name, then its rows as "row N: " and tab-separated cells placed by their column
/// (empty cells kept, so columns line up). Shared and inline strings are resolved; formulas show their cached value.
/// </summary>
internal static class SpreadsheetText
{
    public static string Read(Stream xlsx)
    {
        using var document = SpreadsheetDocument.Open(xlsx, isEditable: false, OfficeOpenSettings.ReadOnly);
        var workbook = document.WorkbookPart;
        if (workbook?.Workbook?.Sheets is not { } sheets) return "";
        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var text = new StringBuilder();
        foreach (var sheet in sheets.Elements<Sheet>())
        {
            text.Append("--- sheet '").Append(sheet.Name?.Value).AppendLine("' ---");
            if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) continue;
            foreach (var row in part.Worksheet?.Descendants<Row>() ?? [])
            {
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < column) cells.Add("");
                    cells.Add(Value(cell, shared));
                }
                text.Append("row ").Append(row.RowIndex?.Value.ToString() ?? "?").Append(": ").AppendLine(string.Join('\t', cells));
            }
        }
        return text.ToString();
    }

    private static string Value(Cell cell, List<string> shared)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString) return int.TryParse(raw, out var i) && i >= 0 && i < shared.Count ? shared[i] : raw;
        if (type == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        if (type == CellValues.Boolean) return raw == "1" ? "TRUE" : "FALSE";
        return raw;
    }

    /// <summary>0-based column of a reference such as "C7" (→ 2); null when there is none.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter)) column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return column == 0 ? null : column - 1;
    }
}
