using System.CommandLine;
using Memento.Core;
using Memento.Reports.Inspect;

namespace Memento.Cli.Commands;

/// <summary><c>memento export inspect DIR... --out LOGDIR</c>: run, sweep and aggregate folders as inspect_ai evaluation
/// logs (one per run or sweep point) with the listing <c>inspect view</c> reads, so they open in inspect's log viewer.</summary>
internal static class ExportCommands
{
    public static Command Build() => new("export", "Write results in other tools' formats") { Inspect() };

    private static Command Inspect()
    {
        var dirs = new Argument<string[]>("dirs")
        {
            Description = "Run, sweep or aggregate folders (one log per run or sweep point); a folder holding such folders stands for them",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "The log folder: the logs and listing.json go here", Required = true };
        var format = new Option<string>("--format") { Description = "eval (a zip, inspect's default) | json (one EvalLog document)", DefaultValueFactory = _ => "eval" };
        var command = new Command("inspect",
            "Write every run and sweep point as an inspect_ai evaluation log (log format version 2), with listing.json, so `inspect view --log-dir LOGDIR` or a static web server shows them in inspect's log viewer")
            { dirs, output, format };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var f = parse.GetValue(format)!;
            if (!InspectExport.Formats.Contains(f)) throw MementoException.BadValue("--format", f, "eval or json");
            var written = InspectExport.Write(parse.GetValue(dirs)!, Path.GetFullPath(parse.GetValue(output)!), f);
            foreach (var path in written) Console.WriteLine(path);
            Console.WriteLine($"{written.Count} inspect {(written.Count == 1 ? "log" : "logs")} in {Path.GetFullPath(parse.GetValue(output)!)} (with {InspectExport.ListingFile})");
            return Task.FromResult(0);
        }));
        return command;
    }
}
