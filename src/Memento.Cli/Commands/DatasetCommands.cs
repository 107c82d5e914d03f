using System.CommandLine;
using Memento.Core.Data;

namespace Memento.Cli.Commands;

/// <summary><c>memento datasets list | inspect PATH | fetch (NAME... | --all) [--to DIR] [--mirror URL|DIR]</c>.</summary>
internal static class DatasetCommands
{
    public static Command Build() => new("datasets", "List, inspect and fetch benchmark datasets")
    {
        List(),
        Inspect(),
        Fetch(),
    };

    private static Option<string?> RegistryOption() =>
        new("--registry") { Description = "Dataset registry YAML (default: datasets/registry.yaml shipped beside memento)" };

    private static Command List()
    {
        var registryFile = RegistryOption();
        var command = new Command("list", "List the datasets fetch can download (with their pinned SHA-256)") { registryFile };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var registry = DatasetRegistry.Load(parse.GetValue(registryFile));
            foreach (var e in registry.Entries)
            {
                Console.WriteLine($"{e.Name,-24} {e.Rows,6} rows  {e.Kind,-15} {e.RelativePath}");
                Console.WriteLine($"{"",-24} {e.Description}; licence: {e.Licence}");
                Console.WriteLine($"{"",-24} {e.Url}");
                Console.WriteLine($"{"",-24} sha256 {e.Sha256}");
            }
            foreach (var g in registry.Gated)
            {
                Console.WriteLine();
                Console.WriteLine($"{g.Name} (not fetched): {g.Note}");
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Inspect()
    {
        var path = new Argument<string>("path") { Description = "Dataset file (.parquet, .jsonl, .csv)" };
        var kind = new Option<string?>("--kind") { Description = "deepresearcher | gaia | simpleqa | jsonl | casebank | retriever-pairs (default: guessed from the file)" };
        var command = new Command("inspect", "Read a dataset file (or a case bank, or retriever pairs) and print a JSON summary: tasks, sources, levels, answer statistics") { path, kind };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var k = parse.GetValue(kind);
            if (k is not null && k is not ("deepresearcher" or "gaia" or "simpleqa" or "jsonl" or MemoryFileInspector.CaseBankKind or MemoryFileInspector.RetrieverPairsKind))
                throw Core.MementoException.BadValue("--kind", k, "deepresearcher, gaia, simpleqa, jsonl, casebank or retriever-pairs");
            Console.WriteLine(DatasetInspector.ToJson(DatasetInspector.Inspect(parse.GetValue(path)!, k)));
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Fetch()
    {
        var names = new Argument<string[]>("names") { Description = "Dataset names from 'memento datasets list'", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Fetch every dataset of the registry (the gated ones are listed, not fetched)" };
        var to = new Option<string>("--to") { Description = "Folder to write to (default: datasets); the upstream layout is kept beneath it", DefaultValueFactory = _ => "datasets" };
        var mirror = new Option<string?>("--mirror") { Description = $"Download from this base URL or local folder instead of upstream (also ${DatasetFetcher.MirrorVariable})" };
        var registryFile = RegistryOption();
        var command = new Command("fetch", "Download datasets (or --all), verify each one's SHA-256, and only then move it into place") { names, all, to, mirror, registryFile };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var registry = DatasetRegistry.Load(parse.GetValue(registryFile));
            var named = parse.GetValue(names) ?? [];
            var entries = (named.Length, parse.GetValue(all)) switch
            {
                (0, false) => throw new Core.MementoException("datasets fetch: name a dataset (see 'memento datasets list') or pass --all"),
                (_, true) when named.Length > 0 => throw new Core.MementoException($"datasets fetch: give either names ('{string.Join(' ', named)}') or --all, not both"),
                (_, true) => registry.Entries,
                _ => named.Select(registry.Find).ToList(),
            };
            var source = parse.GetValue(mirror) ?? DatasetFetcher.MirrorFromEnvironment();
            using var http = DatasetFetcher.CreateHttpClient(TimeSpan.FromMinutes(10));
            foreach (var entry in entries)
            {
                var result = await DatasetFetcher.FetchAsync(entry, parse.GetValue(to)!, http, string.IsNullOrEmpty(source) ? null : source, ct);
                Console.WriteLine(result.AlreadyPresent
                    ? $"{entry.Name}: already present and verified: {result.Path}"
                    : $"{entry.Name}: {result.Bytes:N0} bytes, sha256 verified: {result.Path}");
            }
            if (parse.GetValue(all))
                foreach (var gated in registry.Gated)
                    Console.WriteLine($"{gated.Name}: gated, not fetched ('memento datasets list' says how to get it)");
            return 0;
        }));
        return command;
    }
}
