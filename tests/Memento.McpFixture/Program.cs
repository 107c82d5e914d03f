using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// A tiny MCP server over stdio for the tests: a lookup tool over a fixture knowledge base, a tool that returns a
// long text (to test result trimming) and one that echoes an environment variable (to test tools.servers[].env).
var facts = Enumerable.Range(0, 50).ToDictionary(i => $"q{i}", i => $"answer {i}");

var lookup = McpServerTool.Create(
    (string key) => facts.TryGetValue(key, out var fact) ? $"FACT={fact}; source: fixture kb" : $"no fact for {key}",
    new McpServerToolCreateOptions { Name = "lookup", Description = "Looks a question up in the knowledge base" });
var dump = McpServerTool.Create(
    () => string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"word{i}")),
    new McpServerToolCreateOptions { Name = "dump", Description = "Returns a very long text" });
var greeting = McpServerTool.Create(
    () => Environment.GetEnvironmentVariable("FIXTURE_GREETING") ?? "(unset)",
    new McpServerToolCreateOptions { Name = "greeting", Description = "Returns FIXTURE_GREETING" });

var options = new McpServerOptions
{
    ServerInfo = new Implementation { Name = "memento-fixture", Version = "1.0.0" },
    ToolCollection = [lookup, dump, greeting],
};
await using var server = McpServer.Create(new StdioServerTransport("memento-fixture"), options);
await server.RunAsync();
