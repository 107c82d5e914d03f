using System.Text;
using Memento.Core.Results;

namespace Memento.Reports;

/// <summary><c>memento table</c>: builds the tables that apply to a results folder, writes each into
/// <c>DIR/tables/&lt;id&gt;.&lt;md|csv|tex&gt;</c> and returns them all as one text for stdout.</summary>
public static class PaperTableFiles
{
    public static string Write(string dir, string format, bool counts, IReadOnlyList<string>? policyOrder = null) => Write([dir], format, counts, null, policyOrder);

    /// <summary>Several folders give one set of tables comparing them (<see cref="ResultFolder.Load(IReadOnlyList{string}, IReadOnlyList{string})"/>),
    /// written into <paramref name="outDir"/>.</summary>
    public static string Write(IReadOnlyList<string> dirs, string format, bool counts, string? outDir = null, IReadOnlyList<string>? policyOrder = null)
    {
        var folder = ResultFolder.Load(dirs, policyOrder);
        var tables = PaperTables.Build(folder);
        outDir = folder.OutputDir(outDir, run => run.Tables);
        Directory.CreateDirectory(outDir);
        var sb = new StringBuilder();
        foreach (var table in tables)
        {
            var text = TableRenderer.Render(table, format, counts);
            // A markdown table keeps its source beside it; the CSV stays plain data.
            var file = format == "md" ? $"{text}\n{Provenance.SourceLine(dirs)}\n" : text;
            AtomicFile.WriteAllText(Path.Combine(outDir, $"{table.Id}.{TableRenderer.Extension(format)}"), file);
            if (format == "csv") sb.AppendLine($"# {table.Id}: {table.Title}");
            sb.AppendLine(text);
        }
        return sb.ToString();
    }
}
