using System.CommandLine;
using Memento.Cli.Commands;

namespace Memento.Cli;

/// <summary>The <c>memento</c> command tree (built here so tests can invoke it in-process).</summary>
public static class MementoCli
{
    public static RootCommand Build() => new("memento — memory-augmented LLM agent experiments (Memento M-MDP loop)")
    {
        ExperimentCommands.Run(),
        ExperimentCommands.Sweep(),
        ExperimentCommands.Aggregate(),
        ScoreCommand.Build(),
        TrainRetrieverCommand.Build(),
        BenchCommand.Build(),
        DatasetCommands.Build(),
        ToolCommands.Build(),
        CorpusCommands.Build(),
        ReportCommands.Table(),
        ReportCommands.Plot(),
    };

    public static Task<int> RunAsync(string[] args) => Build().Parse(args).InvokeAsync();
}
