using System.Text;
using CsvHelper;

namespace Memento.Tools.Files;

/// <summary>CSV/TSV → rows as "row N: a | b | c" (CsvHelper; quoted fields with commas or line breaks kept whole).</summary>
internal static class CsvText
{
    public static void Read(Stream csv, char separator, ExtractedText text)
    {
        using var reader = new StreamReader(csv, Encoding.UTF8, leaveOpen: true);
        using var rows = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = false, Separator = separator, AllowLineBreaksInQuotes = true });
        var n = 0;
        while (rows.Read())
        {
            var fields = Enumerable.Range(0, rows.FieldCount).Select(rows.GetString);
            text.Append("row ").Append((++n).ToString()).Append(": ").AppendLine(string.Join(" | ", fields));
        }
    }
}
