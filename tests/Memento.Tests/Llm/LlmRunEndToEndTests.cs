using Memento.Llm.Loopback;
using System.Text.RegularExpressions;
using Memento.Core.Config;
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

    private string WriteConfig(string baseUrl, string cacheMode)
    {
        var tasks = Path.Combine(_dir, "tasks.jsonl");
        File.WriteAllLines(tasks, Enumerable.Range(0, 9).Select(i => $$"""{"id":"q{{i}}","question":"Question number {{i}}?","answer":"answer {{i}}","source":"s{{i % 2}}"}"""));
        var config = Path.Combine(_dir, $"llm-{cacheMode}.yaml");
        File.WriteAllText(config, $"""
            name: llm-e2e
            seed: 3
            dataset: {"{"}kind: jsonl, path: {tasks}{"}"}
            agent: {"{"}kind: llm, base_url: "{baseUrl}", planner_model: planner, executor_model: executor, retry_delay_s: 0.005{"}"}
            memory: {"{"}policy: similarity, k: 2{"}"}
            schedule: {"{"}iterations: 2, parallelism: 4{"}"}
            judge: {"{"}kind: llm, reward: pm, model: judge{"}"}
            cache: {"{"}path: {Path.Combine(_dir, "llm-cache.sqlite")}, mode: {cacheMode}{"}"}
            """);
        return config;
    }

    private static string[] WithoutMsColumns(string csvPath)
    {
        var lines = File.ReadAllLines(csvPath);
        var header = lines[0].Split(',');
        var keep = Enumerable.Range(0, header.Length).Where(i => !header[i].EndsWith("_ms")).ToArray();
        // Questions and plans hold commas inside quotes; drop the _ms columns, which are the last ones, by count.
        var msCount = header.Length - keep.Length;
        Assert.That(keep, Is.EqualTo(Enumerable.Range(0, keep.Length)), "the _ms columns come last");
        return lines.Select(l => string.Join(',', SplitCsv(l).SkipLast(msCount))).ToArray();
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
        Assert.That(WithoutMsColumns(Path.Combine(second, "episodes.csv")), Is.EqualTo(WithoutMsColumns(Path.Combine(first, "episodes.csv"))));
    }

    [GeneratedRegex(@"Question number (\d+)")]
    private static partial Regex Number();
}
