using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Memento.Core.Results;

namespace Memento.Reports.Html;

/// <summary><c>memento report</c>: one static HTML file for one or more results folders, readable offline from disk.
/// Styles, script and data are inside the file (no external URL anywhere); the script (<c>report.js</c>, an embedded
/// resource) draws the charts and the episode browser from the JSON data block.</summary>
public static partial class HtmlReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // Relaxed: non-ASCII text stays as is and quotes are \" rather than \u0022, which keeps the file small.
        // The one sequence that could end the data block early is "</script" (and "<!--"): every '<' is escaped below.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes the report and returns its path: <paramref name="outFile"/>, else <c>report.html</c> in the
    /// one folder given, else in the working directory.</summary>
    public static string Write(IReadOnlyList<string> dirs, string? outFile = null, IReadOnlyList<string>? policyOrder = null)
    {
        var folders = ReportFolders.Load(dirs, policyOrder);
        var output = Path.GetFullPath(outFile ?? (folders.Count == 1 && dirs.Count == 1 ? new RunFolder(folders[0].Dir).Report : RunFolder.ReportFile));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        AtomicFile.WriteAllText(output, Render(folders));
        return output;
    }

    internal static string Render(IReadOnlyList<ResultFolder> folders)
    {
        var title = string.Join(" · ", folders.Select(f => f.Name));
        var (data, diagnostics, notes) = ReportDataBuilder.Build(title, folders);
        var body = new StringBuilder();
        foreach (var note in notes) body.Append($"<p class=\"note warning\">{HtmlSections.E(note)}</p>");
        body.Append("<section id=\"overview\"><h2>Provenance and totals</h2><div class=\"side\">");
        for (var i = 0; i < folders.Count; i++) HtmlSections.Overview(body, folders[i], i);
        body.Append("</div></section><section id=\"curves\"><h2>Learning curves</h2><div class=\"side\">");
        for (var i = 0; i < folders.Count; i++)
        {
            body.Append($"<div class=\"panel\"><h3>{HtmlSections.E(folders[i].Name)}</h3>");
            // A single iteration is a point, not a curve: its numbers are in the tables.
            body.Append(folders[i].Iterations.Count > 1
                ? $"<div class=\"chart\" data-chart=\"accuracy\" data-group=\"{i}\"></div><div class=\"chart\" data-chart=\"cumulative\" data-group=\"{i}\"></div>"
                : "<p class=\"note\">One iteration: no learning curve (see the tables).</p>");
            body.Append("</div>");
        }
        body.Append("</div></section><section id=\"tables\"><h2>Tables</h2>");
        foreach (var folder in folders) HtmlSections.Tables(body, folder);
        body.Append("</section><section id=\"memory\"><h2>Memory diagnostics</h2>");
        for (var i = 0; i < folders.Count; i++)
        {
            HtmlSections.Diagnostics(body, folders[i].Name, diagnostics[i]);
            if (data.Groups[i].Training.Count > 0)
                body.Append($"<div class=\"side\"><div class=\"chart\" data-chart=\"loss\" data-group=\"{i}\"></div><div class=\"chart\" data-chart=\"auc\" data-group=\"{i}\"></div></div>");
        }
        body.Append("</section><section id=\"cost\"><h2>Cost and accuracy</h2>");
        body.Append(data.Scatter.Count > 0
            ? "<div class=\"chart\" data-chart=\"scatter\"></div>"
            : "<p class=\"note\">No costs recorded: no run called a priced model (simulator and replay runs cost nothing).</p>");
        body.Append("</section><section id=\"episodes\"><h2>Episodes</h2><div id=\"browser\"></div></section>");

        var parts = new Dictionary<string, string>
        {
            ["title"] = HtmlSections.E(title),
            ["style"] = Resource("report.css"),
            ["body"] = body.ToString(),
            ["data"] = JsonSerializer.Serialize(data, Json).Replace("<", "\\u003c", StringComparison.Ordinal),
            ["script"] = Resource("report.js"),
        };
        return Marker().Replace(Resource("report.html"), m => parts[m.Groups[1].Value]);
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Memento.Reports.Html." + name)
                           ?? throw new InvalidOperationException($"embedded resource {name} is missing from Memento.Reports");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Marker();
}
