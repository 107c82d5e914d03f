using Memento.Llm;
using Memento.Llm.Loopback;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Memento.Core.Config;
using Memento.Core.Results;
using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Llm;

/// <summary>`memento run` with the LLM agent and the LLM judge against the loopback server: plan → answer → judge (PM)
/// → reward → case written, with 20% of requests failing; then the same run from the cache in read-only mode.</summary>
[Category("EndToEnd")]
public partial class LlmRunEndToEndTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("memento-llm-run-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    /// <summary>Task i is answered exactly (i % 3 == 0), in other words (1: the judge rules it correct) or wrongly (2).</summary>
    private static LoopbackReply Script(LoopbackRequest r)
    {
        if (r.Model == "judge") return LlmWorld.Reply(r);
        var i = int.Parse(Number().Match(r.Messages[1]!["content"]!.ToString()).Groups[1].Value);
        if (r.Model == "executor")
            return LoopbackReply.Text((i % 3) switch { 0 => $"FACT=answer {i};", 1 => $"FACT=it is answer {i};", _ => "FACT=unknown;" });
        var fact = Regex.Match(r.AllContent, "FACT=([^;]+);");
        return LoopbackReply.Text(fact.Success ? "FINAL ANSWER: " + fact.Groups[1].Value : LlmWorld.PlanFor(i));
    }

    private string WriteConfig(string baseUrl, string cacheMode) =>
        WriteConfig($"llm-{cacheMode}", 9, 4, baseUrl, $"cache: {{path: {Path.Combine(_dir, "llm-cache.sqlite")}, mode: {cacheMode}}}");

    /// <summary>A config over the tasks "Question number i?" against the loopback server; <paramref name="extra"/> adds
    /// top-level keys.</summary>
    private string WriteConfig(string name, int tasks, int parallelism, string baseUrl, string extra)
    {
        var tasksPath = Path.Combine(_dir, $"{name}.jsonl");
        File.WriteAllLines(tasksPath, Enumerable.Range(0, tasks).Select(i => $$"""{"id":"q{{i}}","question":"Question number {{i}}?","answer":"answer {{i}}","source":"s{{i % 2}}"}"""));
        var config = Path.Combine(_dir, $"{name}.yaml");
        File.WriteAllText(config, $"""
            name: {name}
            seed: 3
            dataset: {"{"}kind: jsonl, path: {tasksPath}{"}"}
            agent: {"{"}kind: llm, base_url: "{baseUrl}", planner_model: planner, executor_model: executor, api_key_env: null, retry_delay_s: 0.005{"}"}
            memory: {"{"}policy: similarity, k: 2{"}"}
            schedule: {"{"}iterations: 2, parallelism: {parallelism}{"}"}
            judge: {"{"}kind: llm, reward: pm, model: judge{"}"}

            """ + extra);
        return config;
    }

    /// <summary>The lines of a CSV file without the columns that differ between a run and its rerun from the cache:
    /// wall-clock (<c>_ms</c>) and what the rerun did not spend (<c>cost_usd</c>, <c>cache_hits</c>).</summary>
    internal static string[] Comparable(string csvPath)
    {
        var lines = File.ReadAllLines(csvPath);
        var header = lines[0].Split(',');
        var keep = Enumerable.Range(0, header.Length).Where(i => !header[i].EndsWith("_ms") && header[i] is not ("cost_usd" or "cache_hits" or "judge_cache_hits")).ToHashSet();
        // Questions and plans hold commas inside quotes.
        return lines.Select(l => string.Join(',', SplitCsv(l).Where((_, i) => keep.Contains(i)))).ToArray();
    }

    /// <summary>A trajectory line as the experiment saw it, whatever the cache served: each usage's cost with its cache
    /// hits priced as if sent, and no hit count.</summary>
    private static string Priced(string line)
    {
        var node = JsonNode.Parse(line)!;
        foreach (var usage in new[] { node["agent"]?["usage"], node["judgement"]?["usage"] }.OfType<JsonObject>())
        {
            if (usage["cost_usd"] is { } cost) usage["cost_usd"] = cost.GetValue<decimal>() + (usage["hit_cost_usd"]?.GetValue<decimal>() ?? 0m);
            usage.Remove("hit_cost_usd");
            usage.Remove("cache_hits");
        }
        return node.ToJsonString();
    }

    private static IEnumerable<string> SplitCsv(string line)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"') quoted = !quoted;
            if (ch == ',' && !quoted) { parts.Add(current.ToString()); current.Clear(); }
            else current.Append(ch);
        }
        parts.Add(current.ToString());
        return parts;
    }

    [Test]
    public async Task A_run_with_faults_loses_no_episode_and_a_read_only_rerun_reproduces_it_without_requests()
    {
        using var server = new LoopbackOpenAiServer(Script, faultRate: 0.2, faultSeed: 11);
        var first = Path.Combine(_dir, "first");
        var (exit, _, err) = await CliRunner.RunAsync("run", WriteConfig(server.BaseUrl, "read-write"), "--out", first);
        Assert.That(exit, Is.Zero, err);
        Assert.That(server.Faulted, Is.GreaterThan(0), "faults were injected");

        var episodes = File.ReadAllLines(Path.Combine(first, "episodes.csv"));
        Assert.That(episodes, Has.Length.EqualTo(1 + 18), "9 tasks × 2 iterations, none lost");
        var header = episodes[0].Split(',');
        var rows = episodes.Skip(1).Select(l => SplitCsv(l).ToArray()).ToArray();
        string Col(string[] row, string name) => row[Array.IndexOf(header, name)];
        foreach (var row in rows)
        {
            var i = int.Parse(Col(row, "task_id")[1..]);
            Assert.That(Col(row, "pm"), Is.EqualTo(i % 3 == 2 ? "0" : "1"), $"PM of q{i}");
            Assert.That(Col(row, "reward"), Is.EqualTo(Col(row, "pm")), "reward: pm");
            Assert.That(Col(row, "em"), Is.EqualTo(i % 3 == 0 ? "1" : "0"));
        }
        var judged = server.Received.Count(r => r.Model == "judge");
        Assert.That(judged, Is.EqualTo(6), "exact matches skip the judge; the other 6 (question, answer) pairs are judged once each and then served from the cache");
        Assert.That(File.ReadAllLines(Path.Combine(first, "casebank.jsonl")), Has.Length.EqualTo(18));
        Assert.That(File.ReadAllText(Path.Combine(first, "casebank.jsonl")), Does.Contain("Look up question 4 in the knowledge base"));

        var requests = server.Requests;
        var second = Path.Combine(_dir, "second");
        (exit, _, err) = await CliRunner.RunAsync("run", WriteConfig(server.BaseUrl, "read-only"), "--out", second);
        Assert.That(exit, Is.Zero, err);
        Assert.That(server.Requests, Is.EqualTo(requests), "read-only rerun: zero requests");
        Assert.That(Comparable(Path.Combine(second, "episodes.csv")), Is.EqualTo(Comparable(Path.Combine(first, "episodes.csv"))));
    }

    /// <summary>LlmWorld with tools, except that odd tasks are answered in other words, so the LLM judge rules them.</summary>
    internal static LoopbackReply ToolScript(LoopbackRequest r)
    {
        var reply = LlmWorld.Reply(r);
        if (r.Model != "planner" || reply.Content?.StartsWith("FINAL ANSWER: ") != true) return reply;
        var i = int.Parse(Number().Match(r.Messages[1]!["content"]!.ToString()).Groups[1].Value);
        return i % 2 == 1 ? LoopbackReply.Text($"FINAL ANSWER: it is answer {i}") : reply;
    }

    private string WriteToolConfig(string baseUrl, string mark, string extra = "") => WriteConfig("llm-tools", 6, 3, baseUrl, $$"""
        tools:
          servers:
            - name: fixture
              command: dotnet
              args: [{{McpToolboxTests.FixtureDll()}}]
              env: {FIXTURE_RUN_MARK: {{mark}}}
        prices:
          planner: {input_per_mtok: 2.0, output_per_mtok: 8.0}
          executor: {input_per_mtok: 1.0, output_per_mtok: 4.0}
        {{extra}}
        """);

    /// <summary>Live processes whose environment holds <paramref name="mark"/> (the MCP fixture servers of one run).</summary>
    private static int ProcessesMarked(string mark) =>
        Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)).Count(d =>
        {
            try { return File.ReadAllText(Path.Combine(d, "environ")).Contains("FIXTURE_RUN_MARK=" + mark); }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        });

    private static async Task<int> ProcessesMarkedAfterExit(string mark)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (ProcessesMarked(mark) > 0 && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        return ProcessesMarked(mark);
    }

    [Test]
    public async Task A_run_with_mcp_tools_logs_rich_trajectories_and_costs_and_stops_its_tool_server()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("reads /proc");
        var mark = Guid.NewGuid().ToString("N");
        using var server = new LoopbackOpenAiServer(ToolScript);
        var dir = Path.Combine(_dir, "tools");
        var (exit, stdout, err) = await CliRunner.RunAsync("run", WriteToolConfig(server.BaseUrl, mark), "--out", dir);
        Assert.That(exit, Is.Zero, err);

        Assert.That(await ProcessesMarkedAfterExit(mark), Is.Zero, "the MCP tool server ended with the run");
        Assert.That(Regex.Count(err, "warning: no price"), Is.EqualTo(1), err);
        Assert.That(err, Does.Contain("warning: no price for 'judge' under prices:"));

        // Per episode: planner + 2 executor rounds + planner, 11 prompt and 7 completion tokens each; odd tasks add a judge call.
        var agentCost = (2 * 11 * 2.0m + 2 * 7 * 8.0m + 2 * 11 * 1.0m + 2 * 7 * 4.0m) / 1_000_000m;
        var episodes = CsvFiles.Read<EpisodeRecord>(Path.Combine(dir, "episodes.csv"));
        Assert.That(episodes, Has.Count.EqualTo(12));
        foreach (var e in episodes)
        {
            var odd = int.Parse(e.TaskId[1..]) % 2 == 1;
            Assert.That((e.PromptTokens, e.CompletionTokens), Is.EqualTo((44, 28)), e.TaskId);
            Assert.That((e.JudgePromptTokens, e.JudgeCompletionTokens), Is.EqualTo(odd ? (11, 7) : (0, 0)), e.TaskId);
            Assert.That(e.CostUsd, Is.EqualTo(odd ? null : agentCost), "the judge model has no price: unknown where it was called");
            Assert.That(e.Reward, Is.EqualTo(1));
        }
        var total = CsvFiles.Read<SummaryRow>(Path.Combine(dir, "summary.csv")).Where(r => r.Source == SummaryRow.AllSources).ToList();
        Assert.That(total.Select(r => (r.PromptTokens, r.JudgePromptTokens, r.CostUsd)), Is.EqualTo(new[] { (264L, 33L, (decimal?)null), (264L, 33L, null) }));
        Assert.That(stdout, Does.Contain("tokens: agent 528 prompt + 336 completion, judge 66 + 42; cost: unknown (6 of 12 episodes got replies from a model without a price under prices:)"));

        var lines = File.ReadAllLines(Path.Combine(dir, "trajectories.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        var q3 = lines.First(l => l["task_id"]!.ToString() == "q3");
        var cycles = q3["agent"]!["cycles"]!.AsArray();
        Assert.That(cycles, Has.Count.EqualTo(2));
        var subtask = cycles[0]!["subtasks"]!.AsArray().Single()!;
        Assert.That(subtask["description"]!.ToString(), Is.EqualTo("Look up question 3 in the knowledge base"));
        Assert.That(subtask["result"]!.ToString(), Is.EqualTo("Found it: FACT=answer 3; source: fixture kb"));
        var call = subtask["tool_calls"]!.AsArray().Single()!;
        Assert.That(call.ToJsonString(), Is.EqualTo("""{"name":"lookup","arguments":{"key":"q3"},"result":"FACT=answer 3; source: fixture kb"}"""), "the MCP server answered");
        Assert.That(cycles[1]!["cycle"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(cycles[1]!["final_answer"]!.ToString(), Is.EqualTo("it is answer 3"));
        Assert.That(cycles[1]!["usage"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "prompt_tokens", "completion_tokens" }),
            "a cycle logs its request's tokens only, so a resume or a rerun from the cache logs the same line");
        Assert.That(q3["judgement"]!["rationale"]!.ToString(), Is.EqualTo("compared"));
        Assert.That((int)q3["judgement"]!["usage"]!["prompt_tokens"]!, Is.EqualTo(11));
        Assert.That(q3["agent"]!["usage"]!["cost_usd"]!.GetValue<decimal>(), Is.EqualTo(agentCost));
        Assert.That(q3["judgement"]!["usage"]!["cost_usd"], Is.Null, "unknown, so left out");
        var q2 = lines.First(l => l["task_id"]!.ToString() == "q2");
        Assert.That(q2["judgement"]!["rationale"]!.ToString(), Is.EqualTo(LlmJudge.ExactMatchRationale), "an exact match asks no judge");
        Assert.That(q2["judgement"]!["usage"]!["cost_usd"]!.GetValue<decimal>(), Is.Zero);
    }

    [Test]
    public async Task A_killed_llm_run_resumes_to_the_same_outputs_without_repeating_a_logged_episode()
    {
        var mark = Guid.NewGuid().ToString("N");
        using var server = new LoopbackOpenAiServer(ToolScript);
        var config = WriteToolConfig(server.BaseUrl, mark, $$"""
            cache: {path: {{Path.Combine(_dir, "resume-cache.sqlite")}}}
            """);
        var reference = Path.Combine(_dir, "reference");
        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", reference);
        Assert.That(exit, Is.Zero, err);

        // What a kill after episode 5 leaves: the first 5 trajectory lines and no summary.
        var killed = Path.Combine(_dir, "killed");
        Directory.CreateDirectory(killed);
        File.Copy(Path.Combine(reference, "config.yaml"), Path.Combine(killed, "config.yaml"));
        File.WriteAllLines(Path.Combine(killed, "trajectories.jsonl"), File.ReadAllLines(Path.Combine(reference, "trajectories.jsonl")).Take(5));
        var requests = server.Requests;
        (exit, _, err) = await CliRunner.RunAsync("run", config, "--resume", killed);
        Assert.That(exit, Is.Zero, err);

        // Episodes 6-12 came from the cache: nothing spent on them, their cost with cache hits priced is the reference's.
        string[] Trajectories(string dir) => File.ReadAllLines(Path.Combine(dir, "trajectories.jsonl")).Select(Priced).ToArray();
        Assert.That(Trajectories(killed), Is.EqualTo(Trajectories(reference)));
        List<SummaryRow> Summary(string dir) => CsvFiles.Read<SummaryRow>(Path.Combine(dir, "summary.csv"));
        Assert.That(Summary(killed).Select(r => r with { CostUsd = null, CacheHits = 0 }), Is.EqualTo(Summary(reference).Select(r => r with { CostUsd = null, CacheHits = 0 })));
        Assert.That(CsvFiles.Read<EpisodeRecord>(Path.Combine(killed, "episodes.csv")).Skip(5),
            Has.All.Matches<EpisodeRecord>(e => e.CacheHits >= 4 && (e.CostUsd ?? 0m) == 0m && (e.CostWithHitsUsd ?? 1m) > 0m));
        Assert.That(Comparable(Path.Combine(killed, "episodes.csv")), Is.EqualTo(Comparable(Path.Combine(reference, "episodes.csv"))));
        Assert.That(server.Requests, Is.EqualTo(requests), "the rest came from the cache");
    }

    [GeneratedRegex(@"Question number (\d+)")]
    private static partial Regex Number();
}
