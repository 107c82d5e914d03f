using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Memento.Llm.Loopback;
using Memento.Tools.Tests.Web;
using NUnit.Framework;

namespace Memento.Tools.Tests.EndToEnd;

/// <summary>
/// <c>memento run</c> with the LLM agent on the loopback LLM server, its executor calling web_search and fetch_page
/// through <c>memento tools serve</c> (a child MCP server over stdio) against a loopback SearxNG and page server; the
/// answers are judged and the cases written. Then the same run read-only from the cache, with the LLM server and the
/// tool backends stopped.
/// </summary>
[Category("EndToEnd")]
public class ServedToolsRunTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("memento-tools-run-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static LoopbackWeb Backends()
    {
        var web = new LoopbackWeb();
        web.Route("/search", c =>
        {
            var i = Regex.Match(c.Request.QueryString["q"] ?? "", @"\d+").Value;
            return LoopbackWeb.Reply(c, 200, "application/json",
                $$"""{"results":[{"title":"Page {{i}}","url":"{{web.BaseUrl}}page/{{i}}","content":"All about question {{i}}."}]}""");
        });
        web.Serve("/page/0", "text/html", "<html><body><article><h1>Question 0</h1><p>After long study: FACT=answer 0; as recorded.</p></article></body></html>");
        web.Serve("/page/1", "application/pdf", FetchPageTests.Pdf("The archive says FACT=answer 1; and more."));
        web.Serve("/page/2", "text/plain", "FACT=answer 2;");
        return web;
    }

    private string WriteConfig(string llmUrl, string searxUrl, string cacheMode)
    {
        var toolsYaml = Path.Combine(_dir, "tools.yaml");
        File.WriteAllText(toolsYaml, $$"""
            tools:
              builtin: [web_search, fetch_page]
              web_search: {backend: searxng, base_url: "{{searxUrl}}", retry_delay_s: 0.01}
              fetch_page: {allow_addresses: [127.0.0.1], max_retries: 0}
            """);
        var tasks = Path.Combine(_dir, "tasks.jsonl");
        File.WriteAllLines(tasks, Enumerable.Range(0, 3).Select(i => $$"""{"id":"q{{i}}","question":"Question number {{i}}?","answer":"answer {{i}}","source":"s"}"""));
        var config = Path.Combine(_dir, $"run-{cacheMode}.yaml");
        File.WriteAllText(config, $$"""
            name: served-tools
            seed: 1
            dataset: {kind: jsonl, path: {{tasks}}}
            agent: {kind: llm, base_url: "{{llmUrl}}", api_key_env: null, planner_model: planner, executor_model: executor, retry_delay_s: 0.01}
            memory: {policy: similarity, k: 2}
            schedule: {iterations: 1, parallelism: 2}
            judge: {kind: deepresearcher}
            cache: {path: {{Path.Combine(_dir, "cache.sqlite")}}, mode: {{cacheMode}}}
            tools:
              servers:
                - name: memento
                  command: dotnet
                  args: [{{Programs.MementoDll}}, tools, serve, --config, {{toolsYaml}}]
            """);
        return config;
    }

    private static ResearchWorld World() => new(
        "web_search", i => $$"""{"query":"question {{i}}","max_results":3}""",
        "fetch_page", result => Regex.Match(result, @"URL: (\S+)") is { Success: true } m ? $$"""{"url":"{{m.Groups[1].Value}}"}""" : null);

    [Test]
    public async Task The_executor_searches_and_reads_pages_through_the_served_tools_and_a_read_only_rerun_needs_no_backend()
    {
        var first = Path.Combine(_dir, "first");
        string llmUrl, searxUrl;
        using (var web = Backends())
        using (var llm = new LoopbackOpenAiServer(World().Reply))
        {
            (llmUrl, searxUrl) = (llm.BaseUrl, web.BaseUrl);
            var (exit, _, err) = await Programs.Memento("run", WriteConfig(llmUrl, searxUrl, "read-write"), "--out", first);
            Assert.That(exit, Is.Zero, err);
            Assert.That(web.Hits("/search"), Is.EqualTo(3));
            Assert.That(Enumerable.Range(0, 3).Select(i => web.Hits($"/page/{i}")), Is.All.EqualTo(1));
        }
        var episodes = File.ReadAllLines(Path.Combine(first, "episodes.csv"));
        Assert.That(episodes, Has.Length.EqualTo(4));
        var header = episodes[0].Split(',');
        Assert.That(episodes.Skip(1).Select(l => l.Split(',')[Array.IndexOf(header, "em")]), Is.All.EqualTo("1"), "every answer judged right");
        Assert.That(File.ReadAllLines(Path.Combine(first, "casebank.jsonl")), Has.Length.EqualTo(3));

        var q1 = File.ReadAllLines(Path.Combine(first, "trajectories.jsonl")).Select(l => JsonNode.Parse(l)!).Single(l => l["task_id"]!.ToString() == "q1");
        var calls = q1["agent"]!["cycles"]![0]!["subtasks"]![0]!["tool_calls"]!.AsArray();
        Assert.That(calls.Select(c => c!["name"]!.ToString()), Is.EqualTo(new[] { "web_search", "fetch_page" }));
        Assert.That(calls[1]!["result"]!.ToString(), Does.Contain("--- page 1 ---").And.Contain("FACT=answer 1;"), "the PDF was read by the served fetch_page");
        // The served tools' structured content is logged beside each call: the urls found, the page read.
        Assert.That(calls[0]!["fields"]!["urls"]!.ToString(), Is.EqualTo(searxUrl + "page/1"));
        Assert.That(calls[1]!["fields"]!["url"]!.ToString(), Is.EqualTo(searxUrl + "page/1"));

        // Backends and LLM server are stopped (same addresses, nobody listening): every chat response and tool result
        // comes from the cache.
        var second = Path.Combine(_dir, "second");
        var (again, _, err2) = await Programs.Memento("run", WriteConfig(llmUrl, searxUrl, "read-only"), "--out", second);
        Assert.That(again, Is.Zero, err2);
        Assert.That(Answers(second), Is.EqualTo(Answers(first)));
        Assert.That(File.ReadAllText(Path.Combine(second, "trajectories.jsonl")), Does.Contain("FACT=answer 1;"));
        Assert.That(ToolFields(second), Is.EqualTo(ToolFields(first)), "the cache replays the fields with the results");
    }

    private static string[] ToolFields(string run) =>
        File.ReadAllLines(Path.Combine(run, "trajectories.jsonl")).Select(l => JsonNode.Parse(l)!)
            .SelectMany(l => l["agent"]!["cycles"]![0]!["subtasks"]![0]!["tool_calls"]!.AsArray())
            .Select(c => c!["fields"]!.ToJsonString()).Order().ToArray();

    private static string[] Answers(string run) =>
        File.ReadAllLines(Path.Combine(run, "trajectories.jsonl")).Select(l => JsonNode.Parse(l)!)
            .Select(l => $"{l["task_id"]}={l["agent"]!["answer"]}").Order().ToArray();
}
