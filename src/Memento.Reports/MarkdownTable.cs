using System.Text;

namespace Memento.Reports;

/// <summary>Renders a GitHub-flavoured markdown table; the first column is left-aligned (labels), the rest
/// right-aligned (numbers) so decimal points line up when the file is read as plain text.</summary>
public static class MarkdownTable
{
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", headers.Select(Escape)).AppendLine(" |");
        sb.Append('|').AppendJoin("|", headers.Select((_, i) => i == 0 ? ":---" : "---:")).AppendLine("|");
        foreach (var row in rows)
        {
            if (row.Count != headers.Count)
                throw new ArgumentException($"row has {row.Count} cells, header has {headers.Count}");
            sb.Append("| ").AppendJoin(" | ", row.Select(Escape)).AppendLine(" |");
        }
        return sb.ToString();
    }

    // A pipe inside a series label (e.g. a grid value) would otherwise split the cell.
    private static string Escape(string cell) => cell.Replace("|", "\\|");
}
