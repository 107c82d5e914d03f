using System.CommandLine;
using Memento.Cli.Running;
using Memento.Core;
using Memento.Core.Results;
using Memento.Reports;
using Memento.Reports.Html;

namespace Memento.Cli.Commands;

/// <summary><c>memento table DIR</c>, <c>memento plot DIR</c> and <c>memento report DIR...</c>: paper-format tables,
/// figures and the HTML report from a run folder, a sweep folder or an aggregate (same layout as a sweep), read from
/// their files only.</summary>
internal static class ReportCommands
{
    public static Command Table()
    {
        var dirs = Folders();
        var format = new Option<string>("--format") { Description = "md | csv | latex", DefaultValueFactory = _ => "md" };
        var counts = new Option<bool>("--counts") { Description = "Add the integer counts behind every percentage" };
        var output = new Option<string?>("--out") { Description = "Folder for the table files (default: DIR/tables; required for several folders)" };
        var command = new Command("table",
            "Print the paper tables that apply (DeepResearcher F1/PM, GAIA Pass@k, continual learning, K sweep, OOD) and write them into DIR/tables/; several folders are compared in one table")
            { dirs, format, counts, output };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var f = parse.GetValue(format)!;
            if (!TableRenderer.Formats.Contains(f)) throw MementoException.BadValue("--format", f, "md, csv or latex");
            Console.Write(PaperTableFiles.Write(parse.GetValue(dirs)!, f, parse.GetValue(counts), parse.GetValue(output), Plugins.All.Policies.Names));
            Console.WriteLine(Provenance.SourceLine(parse.GetValue(dirs)!));
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command Plot()
    {
        var dirs = Folders();
        var output = new Option<string?>("--out") { Description = "Folder for the figures (default: DIR/figures; required for several folders)" };
        var command = new Command("plot",
            "Draw the figures that apply as PNG and SVG: continual-learning curves, F1/PM against K, OOD bars, GAIA levels, rolling accuracy, Q-net training; several folders are compared in one figure")
            { dirs, output };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            foreach (var path in PaperFigures.Write(parse.GetValue(dirs)!, parse.GetValue(output), Plugins.All.Policies.Names))
                Console.WriteLine(path);
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command Report()
    {
        var dirs = new Argument<string[]>("dirs")
        {
            Description = "Run, sweep or aggregate folders (several are compared side by side); a folder holding such folders stands for them",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string?>("--out") { Description = $"The HTML file (default: DIR/{RunFolder.ReportFile} for one folder, ./{RunFolder.ReportFile} for several)" };
        var command = new Command("report",
            "Write one self-contained HTML page (opens offline from disk): provenance, tables, learning curves, memory diagnostics, cost against accuracy and an episode browser")
            { dirs, output };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            Console.WriteLine(HtmlReport.Write(parse.GetValue(dirs)!, parse.GetValue(output), Plugins.All.Policies.Names));
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>One or more results folders; with several, each series is labelled with its folder's config name.</summary>
    private static Argument<string[]> Folders() => new("dir")
    {
        Description = "Run folders, sweep folders (points.csv) or aggregates; several are compared side by side",
        Arity = ArgumentArity.OneOrMore,
    };
}
