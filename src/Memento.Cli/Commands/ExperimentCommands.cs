using System.CommandLine;
using Memento.Cli.Running;
using Memento.Core;
using Memento.Llm;
using Memento.Core.Config;
using Memento.Core.Results;
using Memento.Reports.Html;
using Memento.Tools.Builtin;

namespace Memento.Cli.Commands;

/// <summary><c>memento run</c> and <c>memento sweep</c>: validate the whole config first, then run.</summary>
internal static class ExperimentCommands
{
    internal static readonly Option<string[]> Set = new("--set")
    {
        Description = "Override a config key, e.g. --set memory.k=8 (repeatable; values are YAML, so lists work: --set grid.seed=[1,2])",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string?> Out = new("--out")
    {
        Description = $"Output folder (default: results/<name>; '{ResultsFolder.Auto}': a fresh results/<name>-<yyyy-MM-dd_HH-mm-ss> per run)",
    };

    private static readonly Option<bool> Overwrite = new("--overwrite")
    {
        Description = "Reuse an output folder that holds earlier results: removes only the files memento writes, keeps any others",
    };

    private static readonly Option<string?> Resume = new("--resume")
    {
        Description = "Continue a killed or interrupted run or sweep in this folder (its config.yaml is used when no CONFIG is given): finished episodes are replayed, none repeated",
    };

    private static readonly Option<bool> Continue = new("--continue")
    {
        Description = "Start in --out DIR, or resume it when DIR already holds this run or sweep: one command that is right the first time, after a requeue and after preemption (cluster array jobs)",
    };

    private static readonly Option<bool> SkipPreflight = new("--skip-preflight")
    {
        Description = "Do not check the model endpoints before the run (for a server that answers neither GET /models nor a one-token request)",
    };

    private static readonly Option<bool> RetryErrors = new("--retry-errors")
    {
        Description = "With --resume: run again exactly the episodes whose agent or judge failed (the others are replayed)",
    };

    private static readonly Option<bool> NoReport = new("--no-report") { Description = $"Do not write {RunFolder.ReportFile} at the end" };

    private static Argument<string?> ConfigArgument(string description) =>
        new("config") { Description = description + "; optional with --resume DIR (then DIR's config.yaml)", Arity = ArgumentArity.ZeroOrOne };

    public static Command Run()
    {
        var config = ConfigArgument("Experiment config (YAML)");
        var command = new Command("run", "Run one experiment (a config's grid, if any, is ignored: use sweep)") { config, Set, Out, Overwrite, Resume, Continue, NoReport, SkipPreflight, RetryErrors };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            CheckContinue(parse);
            var resume = parse.GetValue(Resume);
            var loaded = ConfigLoader.Load(Plugins.All, ConfigPath(parse.GetValue(config), resume, "run"), parse.GetValue(Set) ?? []);
            resume ??= ContinuedFolder(parse, loaded.Config.Name);
            if (loaded.Config.Grid.Count > 0)
            {
                Console.Error.WriteLine("note: the config has a grid; run uses its base values (memento sweep runs the grid)");
                loaded = ConfigLoader.ForPoint(loaded, new GridPoint([]));
            }
            var retryErrors = parse.GetValue(RetryErrors);
            if (retryErrors && resume is null) throw new MementoException("--retry-errors needs --resume <results folder>: it re-runs that run's failed episodes");
            if (resume is not null) ResumeCheck.EnsureSameConfig(resume, loaded.ResolvedYaml);
            var inputs = ExperimentInputs.Load(loaded.Config);
            CostReport.WarnUnpriced([loaded.Config], Console.Error);
            if (!parse.GetValue(SkipPreflight)) await PreflightAsync([loaded.Config], ct);
            var dir = OutputFolder(parse, resume, loaded.Config.Name, "run");
            return await InterruptibleAsync(parse, dir, "run",
                context => ExperimentRunner.RunAsync(loaded, inputs, dir, context, resume: resume is not null, retryErrors: retryErrors), ct);
        }));
        return command;
    }

    /// <summary>Every endpoint and tool backend the configs will call answers, before any episode or results folder.</summary>
    private static async Task PreflightAsync(IReadOnlyList<ExperimentConfig> configs, CancellationToken ct)
    {
        await Preflight.CheckAsync(Plugins.All, configs, Console.Error, ct);
        await ToolPreflight.CheckAsync(configs, Console.Error, ct);
    }

    public static Command Sweep()
    {
        var config = ConfigArgument("Experiment config (YAML) with a grid: {key: [values]}");
        var shard = new Option<string?>("--shard") { Description = "Run only shard I of N of the grid (0-based I/N, for cluster array jobs); merge with memento aggregate" };
        var jobs = new Option<int>("--jobs")
        {
            Description = "Run N grid points at once; they share the response cache and the request gate, so agent.requests_per_minute and max_concurrency are the sweep's budget",
            DefaultValueFactory = _ => 1,
        };
        var list = new Option<bool>("--list") { Description = "Print the grid points the sweep (or its --shard) would run, with their folders, and run nothing" };
        var command = new Command("sweep", "Run every point of the config's grid, then write combined tables and plots") { config, Set, Out, Overwrite, Resume, Continue, shard, jobs, list, NoReport, SkipPreflight };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            CheckContinue(parse);
            var resume = parse.GetValue(Resume);
            var parallelPoints = parse.GetValue(jobs);
            if (parallelPoints < 1) throw new MementoException($"--jobs: expected a whole number of grid points to run at once (1 or more), got {parallelPoints}");
            var loaded = ConfigLoader.Load(Plugins.All, ConfigPath(parse.GetValue(config), resume, "sweep"), parse.GetValue(Set) ?? []);
            resume ??= ContinuedFolder(parse, loaded.Config.Name);
            if (resume is not null && !Directory.Exists(resume)) throw MementoException.MissingFile(resume, "--resume folder");
            var share = Shard.Resolve(parse.GetValue(shard), resume);
            if (parse.GetValue(list))
            {
                ListPoints(loaded, share, resume ?? OutputPath(parse, loaded.Config.Name));
                return 0;
            }
            if (resume is not null) ResumeCheck.EnsureSameConfig(resume, YamlTree.Serialize(loaded.Tree));
            var points = SweepRunner.Prepare(loaded, share);
            CostReport.WarnUnpriced(points.Select(p => p.Config.Config), Console.Error);
            if (!parse.GetValue(SkipPreflight)) await PreflightAsync(points.Select(p => p.Config.Config).ToList(), ct);
            var dir = OutputFolder(parse, resume, loaded.Config.Name, "sweep");
            return await InterruptibleAsync(parse, dir, "sweep",
                context => SweepRunner.RunAsync(loaded, points, dir, context, resume: resume is not null, jobs: parallelPoints, shard: share), ct);
        }));
        return command;
    }

    public static Command Aggregate()
    {
        var shards = new Argument<string[]>("shards") { Description = "Shard folders of one sweep (memento sweep --shard I/N)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Folder for the merged sweep", Required = true };
        var allowMixed = new Option<bool>("--allow-mixed-commits") { Description = "Merge shards written by different memento commits (a warning names them); refused without it" };
        var command = new Command("aggregate", "Merge shard folders of one sweep into one sweep folder with combined tables and plots") { shards, output, Overwrite, allowMixed };
        command.SetAction((parse, _) => CliErrors.GuardAsync(async () =>
        {
            // Every shard is checked before --out is touched, so a refused aggregate leaves no half-written folder.
            var plan = SweepRunner.PlanAggregate(parse.GetValue(shards)!, parse.GetValue(allowMixed));
            foreach (var warning in plan.Warnings) Console.Error.WriteLine(warning);
            var dir = ResultsFolder.Prepare(parse.GetValue(output)!, "aggregate", parse.GetValue(Overwrite), "aggregate");
            using (var outLock = RunLock.Acquire(dir))
            {
                if (outLock.StaleNote is { } note) Console.Error.WriteLine(note);
                var folder = new SweepFolder(dir);
                await RunRecord.TrackAsync(folder.Root.Provenance, InvocationOf(parse), () => SweepRunner.Episodes(folder, plan.Owner.Keys), () =>
                {
                    SweepRunner.Aggregate(plan, dir);
                    return Task.FromResult(0);
                });
            }
            return PrintResults(dir, report: true);
        }));
        return command;
    }

    /// <summary>The config file: the one given, else the resumed folder's <c>config.yaml</c>.</summary>
    private static string ConfigPath(string? given, string? resume, string command) =>
        given ?? (resume is not null
            ? new RunFolder(Directory.Exists(resume) ? resume : throw MementoException.MissingFile(resume, "--resume folder")).Config
            : throw new MementoException($"memento {command}: give a CONFIG file, or --resume DIR to continue the run in DIR with its own config.yaml"));

    /// <summary>The folder being resumed, or a freshly claimed <c>--out</c> (default <c>results/&lt;name&gt;</c>). With
    /// <c>--continue</c>, a folder holding memento's files but no config.yaml (killed before its run began) has nothing
    /// to resume and is started afresh.</summary>
    private static string OutputFolder(ParseResult parse, string? resume, string name, string command) =>
        resume is not null ? Path.GetFullPath(resume)
            : ResultsFolder.Prepare(parse.GetValue(Out), name, parse.GetValue(Overwrite) || (parse.GetValue(Continue) && new SweepFolder(OutputPath(parse, name)).HoldsResults), command);

    /// <summary>The <c>--out</c> folder (default <c>results/&lt;name&gt;</c>), as a full path.</summary>
    private static string OutputPath(ParseResult parse, string name) => Path.GetFullPath(parse.GetValue(Out) ?? ResultsFolder.DefaultFor(name));

    /// <summary>With <c>--continue</c>: the <c>--out</c> folder when it holds a started run or sweep (its config.yaml), which
    /// is then resumed; null when it is to be started. Null without <c>--continue</c>.</summary>
    private static string? ContinuedFolder(ParseResult parse, string name)
    {
        if (!parse.GetValue(Continue)) return null;
        var dir = OutputPath(parse, name);
        return File.Exists(new RunFolder(dir).Config) ? dir : null;
    }

    /// <summary>Refuses options that contradict <c>--continue</c>, before anything is read.</summary>
    private static void CheckContinue(ParseResult parse)
    {
        if (!parse.GetValue(Continue)) return;
        if (parse.GetValue(Resume) is not null) throw new MementoException("--continue and --resume: give one (--continue resumes --out DIR when it holds a run, else starts it)");
        if (parse.GetValue(Overwrite)) throw new MementoException("--continue and --overwrite: give one (--continue never removes results)");
        if (parse.GetValue(Out) == ResultsFolder.Auto) throw new MementoException($"--continue needs a fixed --out folder, not --out {ResultsFolder.Auto} (a fresh folder every time never continues)");
    }

    /// <summary><c>sweep --list</c>: the grid points of the shard, each with its folder, and their count.</summary>
    private static void ListPoints(LoadedConfig sweep, Shard shard, string dir)
    {
        var all = ConfigLoader.Expand(sweep);
        var mine = all.Index().Where(p => shard.Owns(p.Index)).ToList();
        Console.WriteLine(shard == Shard.All
            ? $"{mine.Count} grid points of {sweep.Config.Name}:"
            : $"shard {shard} of {sweep.Config.Name}: {mine.Count} of {all.Count} grid points:");
        foreach (var (index, point) in mine)
            Console.WriteLine($"  {index + 1,4}  {point.Description,-40}  {Path.Combine(dir, point.FolderName)}");
    }

    /// <summary>Runs with Ctrl-C and SIGTERM as stop requests (<see cref="InterruptSignal"/>): the run ends after its current
    /// wave, says so in one line naming the folder and the command that continues it, and exits with 130 (SIGINT) or 143
    /// (SIGTERM).</summary>
    private static async Task<int> InterruptibleAsync(ParseResult parse, string dir, string command, Func<RunContext, Task> work, CancellationToken cancellation)
    {
        using var signal = new InterruptSignal(cancellation);
        try
        {
            await WithProgressAsync(progress => work(new RunContext(progress, InvocationOf(parse), Console.Error, signal.Token)));
        }
        catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
        {
            var kept = Provenance.Read(new RunFolder(dir).Provenance)?.Episodes ?? 0;
            // A shard folder records its shard, and --continue resumes a folder, so each hint is a command that works.
            var again = parse.GetValue(Continue) ? $"the same command (--continue), or memento {command} --resume {dir}" : $"memento {command} --resume {dir}";
            Console.Error.WriteLine($"{signal.Outcome}: stopped after the current wave; {kept} finished episodes are kept in {dir}; continue with: {again}");
            return signal.ExitCode;
        }
        return PrintResults(dir, report: !parse.GetValue(NoReport));
    }

    private static Invocation InvocationOf(ParseResult parse) =>
        Invocation.Of(parse.Tokens.Select(t => t.Value), parse.GetValue(Set) ?? []);

    private static int PrintResults(string dir, bool report)
    {
        Console.WriteLine(File.ReadAllText(new RunFolder(dir).Table));
        if (CostReport.Totals(dir) is { } totals) Console.WriteLine(totals);
        if (ErroredEpisodes(dir) is { } errors) Console.WriteLine(errors);
        if (report) Console.WriteLine($"report: {HtmlReport.Write([dir], policyOrder: Plugins.All.Policies.Names)}");
        Console.WriteLine(Provenance.SourceLine([dir]));
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
