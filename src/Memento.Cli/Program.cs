using System.CommandLine;
using Memento.Cli.Commands;

var root = new RootCommand("memento — memory-augmented LLM agent experiments (Memento M-MDP loop)")
{
    ExperimentCommands.Run(),
    ExperimentCommands.Sweep(),
};
return await root.Parse(args).InvokeAsync();
