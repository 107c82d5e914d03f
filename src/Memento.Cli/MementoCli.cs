using System.CommandLine;
using Memento.Cli.Commands;

namespace Memento.Cli;

/// <summary>The <c>memento</c> command tree (built here so tests can invoke it in-process).</summary>
internal static class MementoCli
{
    public static RootCommand Build() => new("memento — memory-augmented LLM agent experiments (Memento M-MDP loop)")
    {
        ExperimentCommands.Run(),
        ExperimentCommands.Sweep(),
        ExperimentCommands.Aggregate(),
        CacheCommands.Build(),
        ConfigCommand.Build(),
        ScoreCommand.Build(),
        TrainRetrieverCommand.Build(),
        OfflineEvalCommand.Build(),
        BenchCommand.Build(),
        DatasetCommands.Build(),
        ToolCommands.Build(),
        CorpusCommands.Build(),
        ReportCommands.Table(),
        ReportCommands.Plot(),
        ReportCommands.Report(),
        ExportCommands.Build(),
    };

    /// <summary>Parses and runs a command line. A line that does not parse is one error line naming the command's
    /// help and exit code 2, like any other bad input, rather than the whole help text.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var parsed = Build().Parse(args.Length == 0 ? ["--help"] : args);
        // Ctrl-C is handled by the commands that run experiments (InterruptSignal), not by System.CommandLine, whose
        // handler gives up waiting for them and exits mid-run.
        if (parsed.Errors.Count == 0) return parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
        var command = string.Join(' ', parsed.CommandResult.Command.Parents.OfType<Command>().Reverse()
            .Append(parsed.CommandResult.Command).Where(c => c is not RootCommand).Select(c => c.Name).Prepend("memento"));
        var messages = parsed.Errors.Select(e => string.Join(' ', e.Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        Console.Error.WriteLine($"error: {string.Join("; ", messages.Distinct())} (see `{command} --help`)");
        return Task.FromResult(CliErrors.UserError);
    }
}
