using System.CommandLine;
using Memento.Cli.Running;
using Memento.Core;
using Memento.Core.Config;

namespace Memento.Cli.Commands;

/// <summary><c>memento config</c>: the resolved config a run would record, or with <c>--keys</c> the reference of every
/// key, generated from the registry (<see cref="Plugins"/>) so it lists exactly what the binder accepts.</summary>
internal static class ConfigCommand
{
    public static Command Build()
    {
        var config = new Argument<string?>("config") { Description = "Experiment config (YAML)", Arity = ArgumentArity.ZeroOrOne };
        var keys = new Option<bool>("--keys") { Description = "List every key with its default, accepted values and doc line (Markdown), then exit" };
        var command = new Command("config", "Print the resolved config (every default filled in, --set applied) without running anything")
        {
            config, ExperimentCommands.Set, keys,
        };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            if (parse.GetValue(keys))
            {
                Console.Write(KeyReference.Markdown(Plugins.All));
                return Task.FromResult(0);
            }
            var path = parse.GetValue(config) ?? throw new MementoException("config: give a config file, or --keys for the key reference");
            Console.Write(ConfigLoader.Load(Plugins.All, path, parse.GetValue(ExperimentCommands.Set) ?? []).ResolvedYaml);
            return Task.FromResult(0);
        }));
        return command;
    }
}
