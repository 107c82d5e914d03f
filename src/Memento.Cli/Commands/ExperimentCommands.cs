using System.CommandLine;
using Memento.Cli.Running;
using Memento.Core;
using Memento.Llm;
using Memento.Core.Config;
using Memento.Core.Results;

namespace Memento.Cli.Commands;

/// <summary><c>memento run</c> and <c>memento sweep</c>: validate the whole config first, then run.</summary>
public static class ExperimentCommands
{
    internal static readonly Option<string[]> Set = new("--set")
    {
        Description = "Override a config key, e.g. --set memory.k=8 (repeatable; values are YAML, so lists work: --set grid.seed=[1,2])",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string?> Out = new("--out") { Description = "Output folder (default: results/<name>)" };

    private static readonly Option<string?> Resume = new("--resume")
    {
        Description = "Continue a killed or interrupted run or sweep in this folder: finished episodes are kept and replayed, none repeated",
    };

    private static readonly Option<bool> SkipPreflight = new("--skip-preflight")
    {
        Description = "Do not check the model endpoints before the run (for a server that answers neither GET /models nor a one-token request)",
    };

    private static readonly Option<bool> RetryErrors = new("--retry-errors")
    {
        Description = "With --resume: run again exactly the episodes whose agent or judge failed (the others are replayed)",
    };

    public static Command Run()
    {
        var config = new Argument<string>("config") { Description = "Experiment config (YAML)" };
        var command = new Command("run", "Run one experiment (a config's grid, if any, is ignored: use sweep)") { config, Set, Out, Resume, SkipPreflight, RetryErrors };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var loaded = ConfigLoader.Load(Plugins.All, parse.GetValue(config)!, parse.GetValue(Set) ?? []);
            if (loaded.Config.Grid.Count > 0)
            {
                Console.Error.WriteLine("note: the config has a grid; run uses its base values (memento sweep runs the grid)");
                loaded = ConfigLoader.ForPoint(loaded, new GridPoint([]));
            }
            var resume = parse.GetValue(Resume);
            var retryErrors = parse.GetValue(RetryErrors);
            if (retryErrors && resume is null) throw new MementoException("--retry-errors needs --resume <results folder>: it re-runs that run's failed episodes");
            if (resume is not null) ResumeCheck.EnsureSameConfig(resume, loaded.ResolvedYaml);
            var inputs = ExperimentInputs.Load(loaded.Config);
            CostReport.WarnUnpriced([loaded.Config], Console.Error);
            if (!parse.GetValue(SkipPreflight)) await Preflight.CheckAsync([loaded.Config], Console.Error, ct);
            var dir = OutputFolder(parse, resume, loaded.Config.Name);
            await WithProgressAsync(progress => ExperimentRunner.RunAsync(loaded, inputs, dir, progress, ct, resume: resume is not null, retryErrors));
            return PrintResults(dir);
        }));
        return command;
    }

    public static Command Sweep()
    {
        var config = new Argument<string>("config") { Description = "Experiment config (YAML) with a grid: {key: [values]}" };
        var shard = new Option<string?>("--shard") { Description = "Run only shard I of N of the grid (0-based I/N, for cluster array jobs); merge with memento aggregate" };
        var command = new Command("sweep", "Run every point of the config's grid, then write combined tables and plots") { config, Set, Out, Resume, shard, SkipPreflight };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var loaded = ConfigLoader.Load(Plugins.All, parse.GetValue(config)!, parse.GetValue(Set) ?? []);
            var share = parse.GetValue(shard) is { } text ? Shard.Parse(text) : Shard.All;
            var resume = parse.GetValue(Resume);
            if (resume is not null) ResumeCheck.EnsureSameConfig(resume, YamlTree.Serialize(loaded.Tree));
            var points = SweepRunner.Prepare(loaded, share);
            CostReport.WarnUnpriced(points.Select(p => p.Config.Config), Console.Error);
            if (!parse.GetValue(SkipPreflight)) await Preflight.CheckAsync(points.Select(p => p.Config.Config), Console.Error, ct);
            var dir = OutputFolder(parse, resume, loaded.Config.Name);
            await WithProgressAsync(progress => SweepRunner.RunAsync(loaded, points, dir, progress, ct, resume: resume is not null));
            return PrintResults(dir);
        }));
        return command;
    }

    public static Command Aggregate()
    {
        var shards = new Argument<string[]>("shards") { Description = "Shard folders of one sweep (memento sweep --shard I/N)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Folder for the merged sweep", Required = true };
        var command = new Command("aggregate", "Merge shard folders of one sweep into one sweep folder with combined tables and plots") { shards, output };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var dir = ResultsFolder.Prepare(parse.GetValue(output)!, Console.Error);
            SweepRunner.Aggregate(parse.GetValue(shards)!, dir);
            return Task.FromResult(PrintResults(dir));
        }));
        return command;
    }

    /// <summary>The folder being resumed, or a freshly claimed <c>--out</c> (default <c>results/&lt;name&gt;</c>).</summary>
    private static string OutputFolder(ParseResult parse, string? resume, string name) =>
        resume is not null ? Path.GetFullPath(resume) : ResultsFolder.Prepare(parse.GetValue(Out) ?? ResultsFolder.DefaultFor(name), Console.Error);

    private static int PrintResults(string dir)
    {
        Console.WriteLine(File.ReadAllText(new RunFolder(dir).Table));
        if (CostReport.Totals(dir) is { } totals) Console.WriteLine(totals);
        if (ErroredEpisodes(dir) is { } errors) Console.WriteLine(errors);
        Console.WriteLine($"results: {dir}");
        return 0;
    }

    /// <summary>The line counting a run's failed episodes by kind, or null when none failed (or this is a sweep).</summary>
    private static string? ErroredEpisodes(string dir)
    {
        var episodes = new RunFolder(dir).Episodes;
        if (!File.Exists(episodes)) return null;
        var rows = CsvFiles.Read<EpisodeRecord>(episodes);
        var failed = rows.Count(r => r.ErrorKind.Length > 0);
        return failed == 0 ? null
            : $"errors: {failed} of {rows.Count} episodes failed and are unscored ({SummaryRow.ByKind(rows)}); run them again with --resume {dir} --retry-errors";
    }

    /// <summary>A live progress bar on a terminal; plain lines when output is redirected.</summary>
    private static Task WithProgressAsync(Func<IProgressDisplay, Task> work) =>
        Console.IsOutputRedirected || Console.IsErrorRedirected
            ? work(new PlainProgress(Console.Error))
            : SpectreProgress.RunAsync(work);
}
