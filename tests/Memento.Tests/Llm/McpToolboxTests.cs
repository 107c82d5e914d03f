using Memento.Llm.Loopback;
using Memento.Core;
using Memento.Core.Agents;
using Memento.Core.Config;
using Memento.Core.Tasks;
using Memento.Llm;
using Microsoft.Extensions.AI;
using NUnit.Framework;

namespace Memento.Tests.Llm;

/// <summary>Tools from a real MCP server (tests/Memento.McpFixture, built with the ModelContextProtocol server SDK)
/// spoken to over stdio.</summary>
public class McpToolboxTests
{
    internal static string FixtureDll()
    {
        // bin/<Configuration>/net10.0 of the test project → the same folder of the fixture project.
        var testDir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        var configuration = testDir.Parent!.Name;
        var dll = Path.GetFullPath(Path.Combine(testDir.FullName, "..", "..", "..", "..", "Memento.McpFixture", "bin", configuration, testDir.Name, "Memento.McpFixture.dll"));
        Assert.That(File.Exists(dll), Is.True, "fixture server not built: " + dll);
        return dll;
    }

    private static ToolsConfig Fixture(IReadOnlyDictionary<string, string>? env = null) =>
        new([new ToolServerConfig("fixture", "dotnet", [FixtureDll()], env ?? new Dictionary<string, string>())]);

    private static async Task<string> CallAsync(IReadOnlyList<AITool> tools, string name, AIFunctionArguments? arguments = null) =>
        (string)(await tools.OfType<AIFunction>().Single(t => t.Name == name).InvokeAsync(arguments ?? new(), CancellationToken.None))!;

    [Test]
    public async Task Lists_and_calls_the_servers_tools_with_results_trimmed_to_the_budget()
    {
        await using var toolbox = new McpToolbox(Fixture(new Dictionary<string, string> { ["FIXTURE_GREETING"] = "hello from env" }), resultTokenBudget: 100);
        var tools = await toolbox.GetToolsAsync(CancellationToken.None);

        Assert.That(tools.Select(t => t.Name), Is.EquivalentTo(new[] { "lookup", "dump", "greeting" }));
        Assert.That(await CallAsync(tools, "lookup", new AIFunctionArguments { ["key"] = "q7" }), Is.EqualTo("FACT=answer 7; source: fixture kb"));
        Assert.That(await CallAsync(tools, "greeting"), Is.EqualTo("hello from env"));
        var dump = await CallAsync(tools, "dump");
        Assert.That(dump, Does.StartWith("word0 word1 word2"));
        Assert.That(dump, Does.Contain("[truncated: "));
        Assert.That(TokenCounter.Count(dump), Is.LessThan(130), "100 tokens of result plus the marker");
        Assert.That(await toolbox.GetToolsAsync(CancellationToken.None), Is.SameAs(tools), "servers start once");
    }

    [Test]
    public async Task The_executor_calls_an_mcp_tool_in_an_episode()
    {
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply);
        using var runtime = LlmWorld.Runtime();
        await using var agent = LlmWorld.Agent(LlmWorld.Settings(server.BaseUrl), runtime, new McpToolbox(Fixture(), 200));
        var task = new QaTask("t12", "Question number 12?", ["answer 12"], "src");

        var result = await agent.ActAsync(new AgentRequest(task, [], 1, new Random(1)), CancellationToken.None);

        Assert.That(result.Answer, Is.EqualTo("answer 12"));
        var toolTurn = server.Received.Single(r => r.LastRole == "tool");
        Assert.That(toolTurn.LastContent, Is.EqualTo("FACT=answer 12; source: fixture kb"), "the MCP server's reply reached the executor");
        var offered = server.Received.First(r => r.HasTools).Body["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.ToString());
        Assert.That(offered, Is.EquivalentTo(new[] { "lookup", "dump", "greeting" }));
    }

    [Test]
    public void A_server_that_does_not_start_is_a_clear_error()
    {
        var toolbox = new McpToolbox(new ToolsConfig([new ToolServerConfig("broken", "/nonexistent/mcp-server", [], new Dictionary<string, string>())]), 100);
        var error = Assert.ThrowsAsync<MementoException>(() => toolbox.GetToolsAsync(CancellationToken.None))!;
        Assert.That(error.Message, Does.StartWith("tools.servers 'broken': could not start '/nonexistent/mcp-server'"));
    }
}
