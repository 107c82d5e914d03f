using System.Text;
using CsvHelper;

namespace Memento.Tools.Files;

/// <summary>CSV/TSV → rows as "row N: a | b | c" (CsvHelper; quoted fields with commas or line breaks kept whole).</summary>
internal static class CsvText
{
    public static string Read(Stream csv, char separator)
    {
        using var reader = new StreamReader(csv, Encoding.UTF8);
        using var rows = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = false, Separator = separator, AllowLineBreaksInQuotes = true });
        var text = new StringBuilder();
        var n = 0;
        while (rows.Read())
        {
            var fields = Enumerable.Range(0, rows.FieldCount).Select(rows.GetString);
            text.Append("row ").Append(++n).Append(": ").AppendLine(string.Join(" | ", fields));
        }
        return text.ToString();
    }
}
