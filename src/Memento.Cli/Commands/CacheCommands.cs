using System.CommandLine;
using Memento.Llm;

namespace Memento.Cli.Commands;

/// <summary><c>memento cache merge OUT CACHE...</c>: one response cache from several, e.g. the per-task cache files of a
/// sweep's array job (a SQLite file on a network file system must not be shared by processes on several nodes).</summary>
internal static class CacheCommands
{
    public static Command Build() => new("cache", "Work with LLM response cache files (cache.path)") { Merge() };

    private static Command Merge()
    {
        var output = new Argument<string>("out") { Description = "The cache file to merge into (created when missing)" };
        var inputs = new Argument<string[]>("caches") { Description = "Cache files to merge from, e.g. one per array task", Arity = ArgumentArity.OneOrMore };
        var command = new Command("merge", "Merge response cache files into one: responses OUT lacks are added, a request OUT already holds keeps OUT's response") { output, inputs };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var target = parse.GetValue(output)!;
            using var cache = new SqliteResponseCache(target, readOnly: false);
            foreach (var input in parse.GetValue(inputs)!)
            {
                var (read, added, differing) = cache.MergeFrom(input);
                var kept = differing > 0 ? $"; {differing} requests it answers otherwise keep {target}'s response" : "";
                Console.WriteLine($"{input}: {read} responses, {added} added{kept}");
            }
            Console.WriteLine($"{target}: {cache.Count} responses");
            return Task.FromResult(0);
        }));
        return command;
    }
}
