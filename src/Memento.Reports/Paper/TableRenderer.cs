using System.Globalization;
using System.Text;

namespace Memento.Reports;

/// <summary>Renders a <see cref="PaperTable"/> as markdown, CSV or LaTeX. Markdown and LaTeX cells read
/// "45.0 ± 9.8 (90/200)" (no ± for one seed); CSV splits every numeric column into value, <c>_ci95</c> and (with
/// counts) <c>_count</c> columns and leaves a missing value empty, so the numbers load as numbers.</summary>
public static class TableRenderer
{
    public static readonly string[] Formats = ["md", "csv", "latex"];

    public static string Extension(string format) => format switch { "latex" => "tex", var f => f };

    public static string Render(PaperTable table, string format, bool counts) => format switch
    {
        "md" => Markdown(table, counts),
        "csv" => Csv(table, counts),
        "latex" => Latex(table, counts),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "md, csv or latex"),
    };

    internal static string Text(TableCell cell, bool counts, string pm)
    {
        if (cell.Mean is not { } mean) return cell.Text ?? "";
        var s = cell.Signed && mean > 0 ? "+" + Fmt.Pct(mean) : Fmt.Pct(mean).Replace("-", "−");
        if (cell.Ci is { } ci) s += $" {pm} {Fmt.Pct(ci)}";
        if (counts && cell.Count is not null) s += " " + cell.Count;
        return s;
    }

    private static string Markdown(PaperTable table, bool counts)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"## {table.Title}").AppendLine().AppendLine(table.NoteFor(counts)).AppendLine();
        sb.Append(MarkdownTable.Render(table.Headers,
            table.Rows.Select(r => (IReadOnlyList<string>)r.Select(c => c.Bold ? $"**{Text(c, counts, "±")}**" : Text(c, counts, "±")).ToList())));
        return sb.ToString();
    }

    private static string Csv(PaperTable table, bool counts)
    {
        var numeric = Enumerable.Range(0, table.Headers.Count).Select(j => table.Rows.Any(r => r[j].IsNumber)).ToList();
        var header = new List<string>();
        for (var j = 0; j < table.Headers.Count; j++)
        {
            header.Add(table.Headers[j]);
            if (!numeric[j]) continue;
            header.Add(table.Headers[j] + "_ci95");
            if (counts) header.Add(table.Headers[j] + "_count");
        }
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(",", header.Select(Quote)));
        foreach (var row in table.Rows)
        {
            var cells = new List<string>();
            for (var j = 0; j < row.Count; j++)
            {
                var c = row[j];
                if (!numeric[j]) { cells.Add(c == TableCell.Missing ? "" : c.Text ?? ""); continue; }   // empty, so pandas reads numbers
                cells.Add(c.Mean is { } m ? Math.Round(m, 4).ToString(CultureInfo.InvariantCulture) : "");
                cells.Add(c.Ci is { } ci ? Math.Round(ci, 4).ToString(CultureInfo.InvariantCulture) : "");
                if (counts) cells.Add(c.Count?.Trim('(', ')') ?? "");
            }
            sb.AppendLine(string.Join(",", cells.Select(Quote)));
        }
        return sb.ToString();
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    private static string Latex(PaperTable table, bool counts)
    {
        var sb = new StringBuilder();
        sb.AppendLine("% " + EscapeLatex(table.Title) + " (needs \\usepackage{booktabs})");
        sb.AppendLine("\\begin{table}[t]").AppendLine("\\centering").AppendLine("\\small");
        sb.AppendLine($"\\caption{{{EscapeLatex(table.Title)}. {EscapeLatex(table.NoteFor(counts))}}}");
        sb.AppendLine($"\\label{{tab:{table.Id.Replace('_', '-')}}}");
        sb.AppendLine($"\\begin{{tabular}}{{l{new string('r', table.Headers.Count - 1)}}}");
        sb.AppendLine("\\toprule");
        sb.AppendLine(string.Join(" & ", table.Headers.Select(EscapeLatex)) + " \\\\");
        sb.AppendLine("\\midrule");
        foreach (var row in table.Rows)
        {
            var cells = row.Select(c =>
            {
                var t = c.Mean is null ? EscapeLatex(c.Text ?? "") : EscapeLatex(Text(c, counts, "±"));
                return c.Bold ? $"\\textbf{{{t}}}" : t;
            });
            sb.AppendLine(string.Join(" & ", cells) + " \\\\");
        }
        sb.AppendLine("\\bottomrule").AppendLine("\\end{tabular}").AppendLine("\\end{table}");
        return sb.ToString();
    }

    internal static string EscapeLatex(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                '\\' => "\\textbackslash{}",
                '&' or '%' or '$' or '#' or '_' or '{' or '}' => "\\" + ch,
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                '–' => "--",
                '±' => "$\\pm$",
                'Δ' => "$\\Delta$",
                '≥' => "$\\geq$",
                '·' => "$\\cdot$",
                '√' => "$\\surd$",
                '−' => "$-$",
                '²' => "$^2$",
                _ => ch.ToString(),
            });
        }
        return sb.ToString();
    }
}
