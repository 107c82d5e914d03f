using System.CommandLine;
using Memento.Core;
using Memento.Core.Config;
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
            using var tools = Load(parse.GetValue(config));
            var temporary = parse.GetValue(workspace) is null;
            var folder = Directory.CreateDirectory(parse.GetValue(workspace) ?? Path.Combine(Path.GetTempPath(), "memento-tools-" + Guid.NewGuid().ToString("N"))).FullName;
            var attachmentFolder = parse.GetValue(attachments) is { } a
                ? Directory.Exists(a) ? Path.GetFullPath(a) : throw MementoException.MissingFile(a, "attachments folder")
                : null;
            var offered = tools.For(new ToolScope(attachmentFolder, folder));
            await Console.Error.WriteLineAsync($"memento tools serve: {string.Join(", ", offered.Select(t => t.Descriptor.Name))} over stdio; workspace {folder}");
            try
            {
                await ToolServer.RunAsync(offered, ct);
            }
            finally
            {
                if (temporary) Directory.Delete(folder, recursive: true);
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

    /// <summary>The tools of the file's <c>tools:</c> section (every other section may be absent); without a file,
    /// the tools whose defaults suffice.</summary>
    private static ToolSet Load(string? path)
    {
        var tree = path is null ? new Dictionary<string, object?> { ["tools"] = new Dictionary<string, object?> { ["builtin"] = new List<object?> { "fetch_page" } } } : YamlTree.LoadFile(path);
        var tools = ConfigLoader.FromTree(Plugins.All, tree).Config.Tools ?? ToolsConfig.None;
        if (tools.BuiltinNames.Count == 0) throw MementoException.BadValue("tools.builtin", "", $"a list of built-in tools to serve in {path}");
        return BuiltinTools.Create(tools);
    }
}
