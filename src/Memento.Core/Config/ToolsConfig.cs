using Memento.Core.Plugins;

namespace Memento.Core.Config;

/// <summary><c>tools:</c> what the LLM agent's executor may call: MCP tool servers (<c>servers</c>) and built-in tools
/// (<c>builtin</c>, names from the catalog), each built-in tool's settings under <c>tools.&lt;name&gt;</c>.</summary>
/// <param name="WorkspaceCleanup"><c>tools.workspace.cleanup</c>: what happens to an episode's folder of the built-in
/// tools when the episode ends — <c>keep</c>, <c>delete</c>, or <c>delete_on_success</c> (kept when not judged right).</param>
public sealed record ToolsConfig(
    IReadOnlyList<ToolServerConfig> Servers, IReadOnlyList<string>? Builtin = null, KindSettings? BuiltinSettings = null, string WorkspaceCleanup = "keep")
{
    public static readonly ToolsConfig None = new([]);

    public static readonly string[] Cleanups = ["keep", "delete", "delete_on_success"];

    public IReadOnlyList<string> BuiltinNames => Builtin ?? [];

    /// <summary><c>tools: {servers: [{name, command, args, env}], builtin: [...], NAME: {...}}</c>; the servers are read
    /// from the raw tree (a list of mappings), the built-in tools' settings through their kinds.</summary>
    internal static ToolsConfig Bind(ConfigNode root, KindList<IPluginKind> kinds)
    {
        var tools = root.RawMapping("tools", "tool servers and built-in tools the LLM agent may call");
        root.Document("tools.servers[].name", "a string (required)", "name of the MCP server, unique in the config");
        root.Document("tools.servers[].command", "a string (required)", "command that starts the MCP server (stdio)");
        root.Document("tools.servers[].args", "a list of strings", "its arguments");
        root.Document("tools.servers[].env", "a mapping of strings", "environment variables it gets (the parent's are not passed)");
        var (builtin, settings, cleanup) = BindBuiltin(new ConfigNode("tools",
            tools?.Where(p => p.Key != "servers").ToDictionary(p => p.Key, p => p.Value) ?? new(), root.KeyList), kinds);
        if (tools is null) return new ToolsConfig([], builtin, settings, cleanup);
        var raw = tools.GetValueOrDefault("servers") switch
        {
            null => [],
            List<object?> list => list,
            var other => throw MementoException.BadValue("tools.servers", other, "a list of {name, command, args, env}"),
        };
        var servers = new List<ToolServerConfig>();
        for (var i = 0; i < raw.Count; i++) servers.Add(BindServer($"tools.servers[{i}]", raw[i], servers));
        return new ToolsConfig(servers, builtin, settings, cleanup);
    }

    private static (IReadOnlyList<string>, KindSettings, string) BindBuiltin(ConfigNode node, KindList<IPluginKind> kinds)
    {
        var builtin = node.StringList("builtin", [], "built-in tools offered to the executor, in this order: " + string.Join(", ", kinds.Names));
        var workspace = node.Section("workspace");
        var cleanup = workspace.Choice("cleanup", "keep",
            "what becomes of an episode's folder RUN/workspaces/TASK-iI-aA (workspace and attachment copies) when the episode ends, fails or the run is stopped: keep, delete, or delete_on_success (kept unless judged right)",
            Cleanups);
        workspace.EnsureAllKeysKnown();
        var settings = kinds.BindSettings(node);
        node.EnsureAllKeysKnown();
        for (var i = 0; i < builtin.Count; i++)
        {
            if (!kinds.Names.Contains(builtin[i])) throw MementoException.BadValue($"tools.builtin[{i}]", builtin[i], "one of " + string.Join(" | ", kinds.Names));
            if (builtin.Take(i).Contains(builtin[i])) throw MementoException.BadValue($"tools.builtin[{i}]", builtin[i], "each tool listed once");
            kinds.CheckSelected(builtin[i], settings);
        }
        return (builtin, settings, cleanup);
    }

    private static ToolServerConfig BindServer(string path, object? raw, List<ToolServerConfig> servers)
    {
        if (raw is not Dictionary<string, object?> map) throw MementoException.BadValue(path, raw, "a mapping with name, command, args, env");
        var envRaw = map.GetValueOrDefault("env");
        map.Remove("env");
        var s = new ConfigNode(path, map);
        var name = s.OptionalString("name", "server name") ?? throw MementoException.BadValue(path + ".name", "", "a tool server name");
        var command = s.OptionalString("command", "server command") ?? throw MementoException.BadValue(path + ".command", "", "the command that starts the MCP server");
        var args = s.StringList("args", [], "server arguments");
        s.Section("env");
        s.EnsureAllKeysKnown();
        if (envRaw is not (null or Dictionary<string, object?>)) throw MementoException.BadValue(path + ".env", envRaw, "a mapping of environment variables");
        var env = new Dictionary<string, string>();
        foreach (var (key, value) in envRaw as Dictionary<string, object?> ?? new())
            env[key] = value as string ?? throw MementoException.BadValue($"{path}.env.{key}", value, "a string");
        map["env"] = envRaw;
        if (servers.Any(x => x.Name == name)) throw MementoException.BadValue(path + ".name", name, "a name no other tool server has");
        return new ToolServerConfig(name, command, args, env);
    }
}
