using System.CommandLine;
using Memento.Core.Data;

namespace Memento.Cli.Commands;

/// <summary><c>memento datasets list | inspect PATH | fetch NAME [--to DIR]</c>.</summary>
internal static class DatasetCommands
{
    /// <summary>Environment variable naming a mirror to fetch from instead of the upstream URLs (same folder layout).</summary>
    public const string MirrorVariable = "MEMENTO_DATASETS_MIRROR";

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
        var name = new Argument<string>("name") { Description = "A dataset name from 'memento datasets list'" };
        var to = new Option<string>("--to") { Description = "Folder to write to (default: datasets); the upstream layout is kept beneath it", DefaultValueFactory = _ => "datasets" };
        var mirror = new Option<string?>("--mirror") { Description = $"Download from this base URL instead of upstream (also ${MirrorVariable})" };
        var registryFile = RegistryOption();
        var command = new Command("fetch", "Download a dataset, verify its SHA-256, and only then move it into place") { name, to, mirror, registryFile };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var entry = DatasetRegistry.Load(parse.GetValue(registryFile)).Find(parse.GetValue(name)!);
            var source = parse.GetValue(mirror) ?? Environment.GetEnvironmentVariable(MirrorVariable);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("memento-experiments");
            var result = await DatasetFetcher.FetchAsync(entry, parse.GetValue(to)!, http, string.IsNullOrEmpty(source) ? null : source, ct);
            Console.WriteLine(result.AlreadyPresent
                ? $"{entry.Name}: already present and verified: {result.Path}"
                : $"{entry.Name}: {result.Bytes:N0} bytes, sha256 verified: {result.Path}");
            return 0;
        }));
        return command;
    }
}
