using System.CommandLine;
using System.Runtime.InteropServices;
using Memento.Core;
using Memento.Core.Config;
using Memento.Llm;
using Memento.Tools;
using Memento.Tools.Adapters;
using Memento.Tools.Builtin;
using Memento.Cli.Running;

namespace Memento.Cli.Commands;

/// <summary><c>memento tools serve [--config FILE]</c> and <c>memento tools list</c>.</summary>
internal static class ToolCommands
{
    public static Command Build() => new("tools", "The built-in tools (web_search, fetch_page, search_corpus, ...)")
    {
        Serve(),
        List(),
    };

    private static Command Serve()
    {
        var config = new Option<string?>("--config") { Description = "YAML with a tools: section (an experiment config or a file of its own); default: every built-in tool that needs no settings" };
        var workspace = new Option<string?>("--workspace") { Description = "Folder the file tools work in (default: a new temporary folder)" };
        var attachments = new Option<string?>("--attachments") { Description = "Folder of task attachments the file tools may read (default: none)" };
        var command = new Command("serve", "Serve the tools of tools.builtin as one MCP server over stdio") { config, workspace, attachments };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var loaded = Load(parse.GetValue(config));
            // Without a response cache of its own: the run that started this server caches the tool results.
            using var runtime = LlmRuntime.From(CacheConfig.Off, loaded.Agent.Settings.Get<LlmAgentConfig>());
            using var tools = BuiltinTools.Create(loaded.Tools!, ExperimentFactory.ToolServices(loaded, runtime));
            var temporary = parse.GetValue(workspace) is null;
            var folder = Directory.CreateDirectory(parse.GetValue(workspace) ?? Path.Combine(Path.GetTempPath(), "memento-tools-" + Guid.NewGuid().ToString("N"))).FullName;
            var attachmentFolder = parse.GetValue(attachments) is { } a
                ? Directory.Exists(a) ? Path.GetFullPath(a) : throw MementoException.MissingFile(a, "attachments folder")
                : null;
            var offered = tools.For(new ToolScope(attachmentFolder, folder));
            void RemoveTemporary()
            {
                try
                {
                    if (temporary && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                }
                catch (IOException) { }   // removed at once by the signal handler and the loop's end
            }
            // SIGTERM, SIGINT or SIGHUP may end the process before the server loop returns: the temporary workspace goes first.
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => RemoveTemporary());
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => RemoveTemporary());
            using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => RemoveTemporary());
            await Console.Error.WriteLineAsync($"memento tools serve: {string.Join(", ", offered.Select(t => t.Descriptor.Name))} over stdio; workspace {folder}");
            try
            {
                await ToolServer.RunAsync(offered, ct);
            }
            finally
            {
                RemoveTemporary();
            }
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the built-in tools and what each does");
        command.SetAction(_ =>
        {
            foreach (var kind in BuiltinTools.Kinds) Console.WriteLine($"{kind.Name,-16} {kind.Doc}");
        });
        return command;
    }

    /// <summary>The config of the file (every section but <c>tools:</c> may be absent; <c>memory.encoder</c> picks the
    /// ranker, <c>agent</c> the endpoint read_file's models inherit); without a file, the tools whose defaults suffice.</summary>
    private static ExperimentConfig Load(string? path)
    {
        var tree = path is null ? new Dictionary<string, object?> { ["tools"] = new Dictionary<string, object?> { ["builtin"] = new List<object?> { "fetch_page" } } } : YamlTree.LoadFile(path);
        var config = ConfigLoader.FromTree(Plugins.All, tree).Config;
        if (config.Tools is not { BuiltinNames.Count: > 0 }) throw MementoException.BadValue("tools.builtin", "", $"a list of built-in tools to serve in {path}");
        return config;
    }
}
