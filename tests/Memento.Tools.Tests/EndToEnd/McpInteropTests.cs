using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Memento.Llm.Loopback;
using Memento.Tools.Tests.Corpus;
using NUnit.Framework;

namespace Memento.Tools.Tests.EndToEnd;

/// <summary>
/// Interoperability both ways with third-party MCP code from npm (pinned in tests/npm, installed on first use or by <c>scripts/install-test-deps</c>): the
/// official MCP Inspector's CLI lists and calls the tools of <c>memento tools serve</c>; and a run's executor uses the
/// reference filesystem MCP server next to the built-in <c>search_corpus</c> (in process).
/// </summary>
[Category("EndToEnd")]
public class McpInteropTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("memento-mcp-interop-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string CorpusIndex()
    {
        var index = Path.Combine(_dir, "index");
        Memento.Tools.Corpus.CorpusIndexer.Build(CorpusTests.WriteCorpus(_dir), index);
        return index;
    }

    private Task<(int Exit, string Out, string Err)> Inspector(string toolsYaml, params string[] method) =>
        Programs.RunAsync(Programs.Npm("mcp-inspector"),
            // After "--" the server's own options reach it untouched (the Inspector has a --config of its own).
            ["--cli", .. method, "--", "dotnet", Programs.MementoDll, "tools", "serve", "--config", toolsYaml], TimeSpan.FromMinutes(2), _dir);

    [Test]
    public async Task The_mcp_inspector_lists_and_calls_the_served_tools()
    {
        var toolsYaml = Path.Combine(_dir, "tools.yaml");
        File.WriteAllText(toolsYaml, $"tools: {{builtin: [search_corpus, fetch_page], search_corpus: {{index: {CorpusIndex()}}}}}\n");

        var (exit, listed, err) = await Inspector(toolsYaml, "--method", "tools/list");
        Assert.That(exit, Is.Zero, err);
        var tools = JsonNode.Parse(listed)!["tools"]!.AsArray();
        Assert.That(tools.Select(t => t!["name"]!.ToString()), Is.EqualTo(new[] { "search_corpus", "fetch_page" }));
        Assert.That(tools[0]!["inputSchema"]!["properties"]!["k"]!["type"]!.ToString(), Is.EqualTo("integer"));

        (exit, var called, err) = await Inspector(toolsYaml, "--method", "tools/call", "--tool-name", "search_corpus",
            "--tool-arg", "query=capital of Germany", "--tool-arg", "k=1");
        Assert.That(exit, Is.Zero, err);
        var result = JsonNode.Parse(called)!;
        Assert.That(result["content"]![0]!["text"]!.ToString(), Does.StartWith("[1] Berlin (id berlin)"));
        Assert.That(result["structuredContent"]!["ids"]!.ToString(), Is.EqualTo("berlin"));
    }

    [Test]
    public async Task A_run_uses_the_reference_filesystem_server_beside_a_built_in_tool()
    {
        var notes = Directory.CreateDirectory(Path.Combine(_dir, "notes")).FullName;
        for (var i = 0; i < 3; i++) File.WriteAllText(Path.Combine(notes, $"note-{i}.txt"), $"Notes on question {i}: FACT=answer {i};");
        var corpus = Path.Combine(_dir, "corpus.jsonl");
        File.WriteAllLines(corpus, Enumerable.Range(0, 3).Select(i =>
            $$"""{"id":"d{{i}}","title":"Question {{i}}","text":"The details of question{{i}} are in the file {{notes}}/note-{{i}}.txt"}"""));
        var index = Path.Combine(_dir, "index");
        Memento.Tools.Corpus.CorpusIndexer.Build(corpus, index);
        var tasks = Path.Combine(_dir, "tasks.jsonl");
        File.WriteAllLines(tasks, Enumerable.Range(0, 3).Select(i => $$"""{"id":"q{{i}}","question":"Question number {{i}}?","answer":"answer {{i}}"}"""));
        var world = new ResearchWorld(
            "search_corpus", i => $$"""{"query":"question{{i}}","k":1}""",
            "read_text_file", result => Regex.Match(result, @"in the file (\S+\.txt)") is { Success: true } m ? $$"""{"path":"{{m.Groups[1].Value}}"}""" : null);
        using var llm = new LoopbackOpenAiServer(world.Reply);
        var config = Path.Combine(_dir, "run.yaml");
        File.WriteAllText(config, $$"""
            name: interop
            dataset: {kind: jsonl, path: {{tasks}}}
            agent: {kind: llm, base_url: "{{llm.BaseUrl}}", api_key_env: null, planner_model: planner, executor_model: executor}
            schedule: {iterations: 1}
            tools:
              builtin: [search_corpus]
              search_corpus: {index: {{index}}}
              servers:
                - name: filesystem
                  command: {{Programs.Npm("mcp-server-filesystem")}}
                  args: [{{notes}}]
            """);
        var run = Path.Combine(_dir, "run");
        var (exit, _, err) = await Programs.Memento("run", config, "--out", run);
        Assert.That(exit, Is.Zero, err);
        var lines = File.ReadAllLines(Path.Combine(run, "trajectories.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That(lines.Select(l => l["agent"]!["answer"]!.ToString()).Order(), Is.EqualTo(new[] { "answer 0", "answer 1", "answer 2" }));
        var calls = lines[0]["agent"]!["cycles"]![0]!["subtasks"]![0]!["tool_calls"]!.AsArray();
        Assert.That(calls.Select(c => c!["name"]!.ToString()), Is.EqualTo(new[] { "search_corpus", "read_text_file" }));
        var offered = llm.Received.First(r => r.HasTools).Body["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.ToString()).ToList();
        Assert.That(offered[0], Is.EqualTo("search_corpus"), "built-in tools first");
        Assert.That(offered, Does.Contain("read_text_file").And.Contain("list_directory"));
    }
}
