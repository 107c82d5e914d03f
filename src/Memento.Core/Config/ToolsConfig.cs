namespace Memento.Core.Config;

/// <summary><c>tools:</c> the MCP tool servers the LLM agent may call.</summary>
public sealed record ToolsConfig(IReadOnlyList<ToolServerConfig> Servers)
{
    public static readonly ToolsConfig None = new([]);

    /// <summary><c>tools: {servers: [{name, command, args, env}]}</c>, read from the raw tree (a list of mappings).</summary>
    internal static ToolsConfig Bind(ConfigNode root)
    {
        var tools = root.RawMapping("tools", "tool servers the LLM agent may call");
        root.Document("tools.servers[].name", "a string (required)", "name of the MCP server, unique in the config");
        root.Document("tools.servers[].command", "a string (required)", "command that starts the MCP server (stdio)");
        root.Document("tools.servers[].args", "a list of strings", "its arguments");
        root.Document("tools.servers[].env", "a mapping of strings", "environment variables it gets (the parent's are not passed)");
        if (tools is null) return None;
        foreach (var key in tools.Keys)
            if (key != "servers") throw MementoException.UnknownKey("tools." + key, ["servers"]);
        var raw = tools.GetValueOrDefault("servers") switch
        {
            null => [],
            List<object?> list => list,
            var other => throw MementoException.BadValue("tools.servers", other, "a list of {name, command, args, env}"),
        };
        var servers = new List<ToolServerConfig>();
        for (var i = 0; i < raw.Count; i++) servers.Add(BindServer($"tools.servers[{i}]", raw[i], servers));
        return new ToolsConfig(servers);
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
