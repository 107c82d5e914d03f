using System.CommandLine;
using Memento.Cli.Running;
using Memento.Core.Config;

namespace Memento.Cli.Commands;

/// <summary><c>memento run</c> and <c>memento sweep</c>: validate the whole config first, then run.</summary>
public static class ExperimentCommands
{
    private static readonly Option<string[]> Set = new("--set")
    {
        Description = "Override a config key, e.g. --set memory.k=8 (repeatable; values are YAML, so lists work: --set grid.seed=[1,2])",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string?> Out = new("--out") { Description = "Output folder (default: results/<name>)" };

    private static readonly Option<string?> Resume = new("--resume")
    {
        Description = "Continue a killed or interrupted run or sweep in this folder: finished episodes are kept and replayed, none repeated",
    };

    public static Command Run()
    {
        var config = new Argument<string>("config") { Description = "Experiment config (YAML)" };
        var command = new Command("run", "Run one experiment (a config's grid, if any, is ignored: use sweep)") { config, Set, Out, Resume };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config)!, parse.GetValue(Set) ?? []);
            if (loaded.Config.Grid.Count > 0)
            {
                Console.Error.WriteLine("note: the config has a grid; run uses its base values (memento sweep runs the grid)");
                loaded = ConfigLoader.ForPoint(loaded, new GridPoint([]));
            }
            var resume = parse.GetValue(Resume);
            if (resume is not null) ResumeCheck.EnsureSameConfig(resume, loaded.ResolvedYaml);
            var dir = resume is not null ? Path.GetFullPath(resume) : ResultsFolder.Prepare(parse.GetValue(Out) ?? ResultsFolder.DefaultFor(loaded.Config.Name), Console.Error);
            await WithProgressAsync(progress => ExperimentRunner.RunAsync(loaded, dir, progress, ct, resume: resume is not null));
            Console.WriteLine(File.ReadAllText(Path.Combine(dir, "table.md")));
            Console.WriteLine($"results: {dir}");
            return 0;
        }));
        return command;
    }

    public static Command Sweep()
    {
        var config = new Argument<string>("config") { Description = "Experiment config (YAML) with a grid: {key: [values]}" };
        var command = new Command("sweep", "Run every point of the config's grid, then write combined tables and plots") { config, Set, Out, Resume };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config)!, parse.GetValue(Set) ?? []);
            var resume = parse.GetValue(Resume);
            if (resume is not null) ResumeCheck.EnsureSameConfig(resume, YamlTree.Serialize(loaded.Tree));
            var dir = resume is not null ? Path.GetFullPath(resume) : ResultsFolder.Prepare(parse.GetValue(Out) ?? ResultsFolder.DefaultFor(loaded.Config.Name), Console.Error);
            await WithProgressAsync(progress => SweepRunner.RunAsync(loaded, dir, progress, ct, resume: resume is not null));
            Console.WriteLine(File.ReadAllText(Path.Combine(dir, "table.md")));
            Console.WriteLine($"results: {dir}");
            return 0;
        }));
        return command;
    }

    /// <summary>A live progress bar on a terminal; plain lines when output is redirected.</summary>
    private static Task WithProgressAsync(Func<IProgressDisplay, Task> work) =>
        Console.IsOutputRedirected || Console.IsErrorRedirected
            ? work(new PlainProgress(Console.Error))
            : SpectreProgress.RunAsync(work);
}
