using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Memento.Core.Results;
using Memento.Llm.Loopback;
using Memento.Reports;
using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Llm;

/// <summary>`memento run`, `sweep`, `table` and the report against the loopback server, asserting the figures a paper
/// would quote: one denominator for unscored episodes everywhere, a failed episode's cost, seeds that are samples, the
/// judge's cache rule, tool failures that are counted and stop a run, and clean error lines.</summary>
[Category("EndToEnd")]
public partial class PublishableNumbersTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = TestPaths.TempDir();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    /// <summary>Tasks m0..m3 (source musique) and n0..n15 (source nq): "Question number i?" with gold "answer i", except
    /// m1, n3 and n7 whose gold is "answer 99" (the agent's "answer i" then has F1 0.5 and the judge rules it wrong).</summary>
    private string WriteTasks()
    {
        var rows = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var (id, source) = i < 4 ? ($"m{i}", "musique") : ($"n{i - 4}", "nq");
            var gold = id is "m1" or "n3" or "n7" ? "answer 99" : $"answer {i}";
            rows.Add($$"""{"id":"{{id}}","question":"Question number {{i}}?","answer":"{{gold}}","source":"{{source}}"}""");
        }
        var path = Path.Combine(_dir, "tasks.jsonl");
        File.WriteAllLines(path, rows);
        return path;
    }

    private string WriteConfig(string baseUrl, string extra = "", string schedule = "iterations: 1", string policy = "none")
    {
        var config = Path.Combine(_dir, "llm.yaml");
        File.WriteAllText(config, $$"""
            name: numbers
            dataset: {kind: jsonl, path: {{WriteTasks()}}}
            agent: {kind: llm, base_url: "{{baseUrl}}", planner_model: planner, executor_model: executor, api_key_env: null, retry_delay_s: 0.005, max_retries: 2}
            memory: {policy: {{policy}}, k: 2}
            schedule: {{{schedule}}}
            judge: {kind: llm, reward: pm, model: judge, retry_delay_s: 0.005}
            cache: {path: {{Path.Combine(_dir, "cache.sqlite")}}}
            prices:
              planner: {input_per_mtok: 2.0, output_per_mtok: 8.0}
              executor: {input_per_mtok: 1.0, output_per_mtok: 4.0}
              judge: {input_per_mtok: 1.0, output_per_mtok: 1.0}
            {{extra}}
            """);
        return config;
    }

    private static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    [Test]
    public async Task An_unscored_episode_is_in_no_denominator_of_summary_any_table_layout_or_the_report_and_costs_what_it_was_sent()
    {
        using var server = new LoopbackOpenAiServer(r => r.Has("Question number 2?") && r.Model == "planner"
            ? LoopbackReply.Error(400, "prompt rejected", "invalid_request_error") : LlmWorld.Reply(r));
        var run = Path.Combine(_dir, "run");
        var (exit, stdout, err) = await CliRunner.RunAsync("run", WriteConfig(server.BaseUrl), "--out", run);
        Assert.That(exit, Is.Zero, err);

        // episodes.csv: the failed row's metric cells are empty, its error says which box failed and how, in one clean form.
        var lines = File.ReadAllLines(Path.Combine(run, "episodes.csv"));
        var header = lines[0].Split(',');
        var failed = CsvFiles.Read<EpisodeRecord>(Path.Combine(run, "episodes.csv")).Single(e => !e.IsScored);
        Assert.That((failed.TaskId, failed.ErrorKind, failed.ErrorBox, failed.Reward, failed.Em, failed.F1, failed.Pm),
            Is.EqualTo(("m2", "bad_request", "agent", (int?)null, (int?)null, (double?)null, (bool?)null)));
        Assert.That(failed.JudgeError, Is.EqualTo($"planner at {server.BaseUrl}: HTTP 400 invalid_request_error: prompt rejected"));
        Assert.That(header, Does.Contain("reward").And.Contain("em").And.Contain("f1").And.Contain("tool_errors").And.Contain("judge_cache_hits"));

        // summary.csv: MuSiQue over its 3 scored episodes (1 + 0.5 + 1 F1), the pooled row over 19.
        var summary = CsvFiles.Read<SummaryRow>(Path.Combine(run, "summary.csv"));
        var musique = summary.Single(r => r.Source == "musique");
        var all = summary.Single(r => r.Source == SummaryRow.AllSources);
        Assert.That((musique.N, musique.Unscored, musique.Errors), Is.EqualTo((3, 1, 1)));
        Assert.That(musique.F1Pct, Is.EqualTo(100.0 * 2.5 / 3).Within(1e-3));
        Assert.That((all.N, all.Unscored), Is.EqualTo((19, 1)));
        Assert.That(all.F1Pct, Is.EqualTo(100.0 * (19 - 3 * 0.5) / 19).Within(1e-3));

        // Cost: the failed episode's request got no reply and cost nothing, so the run's cost is known.
        Assert.That(all.CostUsd, Is.Not.Null.And.GreaterThan(0m));
        Assert.That(failed.CostUsd, Is.EqualTo(0m));
        Assert.That(stdout, Does.Match(@"cost: \$[0-9.]+ spent").And.Not.Contain("unknown"));

        // Every table layout: the same MuSiQue F1 and weighted average, and a note saying 19 of 20 were scored.
        (exit, var csv, err) = await CliRunner.RunAsync("table", run, "--format", "csv", "--counts");
        Assert.That(exit, Is.Zero, err);
        var table = File.ReadAllLines(Path.Combine(run, "tables", "deepresearcher.csv"));
        var columns = table[0].Split(',').ToList();
        var row = Regex.Split(table[1], ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        Assert.That(Number(row[columns.IndexOf("MuSiQue F1")]), Is.EqualTo(Math.Round(musique.F1Pct, 4)).Within(1e-3));
        Assert.That(row[columns.IndexOf("MuSiQue F1_count")], Is.EqualTo("n=3"));
        Assert.That(Number(row[columns.IndexOf("Avg F1 (weighted by source size)")]), Is.EqualTo(all.F1Pct).Within(1e-3));
        Assert.That(row[columns.IndexOf("MuSiQue PM_count")], Is.EqualTo("2/3"), "PM over the same 3");
        foreach (var format in new[] { "md", "latex" })
        {
            (exit, var text, err) = await CliRunner.RunAsync("table", run, "--format", format);
            Assert.That(exit, Is.Zero, err);
            Assert.That(text, Does.Contain(Math.Round(musique.F1Pct, 1).ToString("0.0", CultureInfo.InvariantCulture)));
            var note = "Scored: 19 of 20 episodes at the final iteration; the 1 unscored (bad_request=1) are in no figure's denominator.";
            Assert.That(text, Does.Contain(format == "latex" ? TableRenderer.EscapeLatex(note) : note));
        }

        // The report: the same figures in its table, the failed row's reason and no metric values.
        var report = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.That(report, Does.Contain($"<td>{Math.Round(musique.F1Pct, 1).ToString("0.0", CultureInfo.InvariantCulture)} (n=3)</td>"));
        Assert.That(report, Does.Contain("Scored: 19 of 20 episodes"));
        var data = JsonNode.Parse(Regex.Match(report, "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value)!;
        var strings = data["strings"]!.AsArray().Select(s => s!.ToString()).ToList();
        var ep = data["points"]![0]!["ep"]!;
        var at = ep["err"]!.AsArray().Select(v => (int)v!).ToList().FindIndex(v => v != 0);
        Assert.That((ep["r"]![at], ep["em"]![at], ep["f1"]![at]), Is.EqualTo(((JsonNode?)null, (JsonNode?)null, (JsonNode?)null)));
        Assert.That((strings[(int)ep["eb"]![at]!], strings[(int)ep["ek"]![at]!]), Is.EqualTo(("agent", "bad_request")));

        // The judge's exact-match shortcut: PM 1 without a call, said so in the judgement's rationale.
        var exact = File.ReadLines(Path.Combine(run, "trajectories.jsonl")).Select(l => JsonNode.Parse(l)!).First(l => l["task_id"]!.ToString() == "m0");
        Assert.That(exact["judgement"]!["rationale"]!.ToString(), Does.Contain("exact match").And.Contain("not asked"));
        Assert.That(server.Received.Count(r => r.Model == "judge" && r.Has("Question number 0?")), Is.Zero);
    }

    [Test]
    public async Task Seeds_of_a_sweep_never_share_an_agent_reply_while_the_judge_reuses_verdicts_on_identical_input_and_a_rerun_replays_exactly()
    {
        // A randomly answering planner: its answer never matches the gold, so the judge is asked every time; two
        // possible answers per question make identical (question, gold, answer) inputs to the judge certain.
        var random = new Random(7);
        using var server = new LoopbackOpenAiServer(r =>
        {
            if (r.Model != "planner") return LlmWorld.Reply(r);
            lock (random) return LoopbackReply.Text($"FINAL ANSWER: guess {random.Next(2)}");
        });
        var config = WriteConfig(server.BaseUrl, extra: "grid: {seed: [1, 2]}", schedule: "iterations: 2");
        var first = Path.Combine(_dir, "first");
        var (exit, _, err) = await CliRunner.RunAsync("sweep", config, "--out", first);
        Assert.That(exit, Is.Zero, err);

        var planner = server.Received.Count(r => r.Model == "planner");
        var judged = server.Received.Count(r => r.Model == "judge");
        Assert.That(planner, Is.EqualTo(2 * 2 * 20), "every seed and iteration asked the agent: no reply was replayed from another sample");
        Assert.That(judged, Is.LessThanOrEqualTo(20 * 2), "at most two distinct answers per question reach the judge");
        var totals = Regex.Matches(err, @"\] requests: (\d+) sent · retries: 0 · cache hits: (\d+) agent, (\d+) judge · tool calls: 0\n");
        Assert.That(totals, Has.Count.EqualTo(2), err);
        Assert.That(totals.Sum(m => int.Parse(m.Groups[2].Value)), Is.Zero);
        var judgeHits = totals.Sum(m => int.Parse(m.Groups[3].Value));
        Assert.That(judgeHits, Is.EqualTo(2 * 2 * 20 - judged), "every other verdict came from the cache");
        var points = Directory.GetDirectories(first).Where(d => File.Exists(Path.Combine(d, "summary.csv"))).Order().ToList();
        Assert.That(points, Has.Count.EqualTo(2));
        var rows = points.SelectMany(p => CsvFiles.Read<SummaryRow>(Path.Combine(p, "summary.csv")).Where(r => r.Source == SummaryRow.AllSources)).ToList();
        Assert.That((rows.Sum(r => r.CacheHits), rows.Sum(r => r.JudgeCacheHits)), Is.EqualTo((0, judgeHits)));
        string Answers(string sweep, string point) => string.Join("|", CsvFiles.Read<EpisodeRecord>(Path.Combine(sweep, point, "episodes.csv")).Select(e => e.Answer));
        var names = points.Select(Path.GetFileName).ToList();
        Assert.That(Answers(first, names[0]!), Is.Not.EqualTo(Answers(first, names[1]!)), "the seeds drew their own answers");

        // The same config again, two points at once: every reply is its own sample's, from the cache, and nothing is sent.
        var sent = server.Requests;
        var second = Path.Combine(_dir, "second");
        (exit, _, err) = await CliRunner.RunAsync("sweep", config, "--out", second, "--jobs", "2");
        Assert.That(exit, Is.Zero, err);
        Assert.That(server.Requests, Is.EqualTo(sent));
        foreach (var name in names) Assert.That(Answers(second, name!), Is.EqualTo(Answers(first, name!)), name);
    }

    [Test]
    public async Task A_dead_search_backend_fails_the_preflight_and_without_it_its_failed_calls_are_counted_and_stop_the_run()
    {
        var searx = $"http://127.0.0.1:{LoopbackOpenAiServer.FreePort()}";
        using var server = new LoopbackOpenAiServer(r => r.Model != "executor" ? LlmWorld.Reply(r)
            : r.LastRole == "tool" ? LoopbackReply.Text($"FACT=answer {Regex.Match(r.AllContent, @"Look up question (\d+)").Groups[1].Value};")
            : LoopbackReply.Call("web_search", """{"query":"q"}"""));
        var tools = $"tools: {{builtin: [web_search], web_search: {{backend: searxng, base_url: \"{searx}\", max_retries: 0}}}}";
        var config = WriteConfig(server.BaseUrl, extra: tools);

        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", Path.Combine(_dir, "checked"));
        Assert.That(exit, Is.EqualTo(2), err);
        Assert.That(CliRunner.Messages(err).Last(), Is.EqualTo(
            "error: pre-flight check failed: tools.builtin web_search: searxng failed: connection refused (check tools.web_search; --skip-preflight skips this check)"));
        Assert.That(Directory.Exists(Path.Combine(_dir, "checked")), Is.False);

        // Unchecked: the run stops at the 10th failed call, more than max_tool_error_rate of them all, naming the tool.
        var stopped = Path.Combine(_dir, "stopped");
        (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", stopped, "--skip-preflight");
        Assert.That(exit, Is.EqualTo(2), err);
        Assert.That(CliRunner.Messages(err).Last(), Does.StartWith("error: 10 of 10 tool calls failed, more than schedule.max_tool_error_rate = 0.5; the last: web_search in episode 10")
            .And.Contain("searxng failed: connection refused"));

        // Allowed to go on: every call is counted failed, per episode, per summary row and in the totals line.
        var run = Path.Combine(_dir, "run");
        (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", run, "--skip-preflight", "--set", "schedule.max_tool_error_rate=1");
        Assert.That(exit, Is.Zero, err);
        var episodes = CsvFiles.Read<EpisodeRecord>(Path.Combine(run, "episodes.csv"));
        Assert.That(episodes, Has.All.Matches<EpisodeRecord>(e => e.ToolCalls == 1 && e.ToolErrors == 1));
        var all = CsvFiles.Read<SummaryRow>(Path.Combine(run, "summary.csv")).Single(r => r.Source == SummaryRow.AllSources);
        Assert.That((all.ToolCalls, all.ToolErrors), Is.EqualTo((20, 20)));
        Assert.That(err, Does.Contain("· tool calls: 20 (20 failed: web_search searxng failed: connection refused)\n"));
        Assert.That(File.ReadAllText(Path.Combine(run, "report.html")), Does.Contain("<td>20 (20 failed)</td>"));
    }

    [Test]
    public async Task A_refused_connection_is_named_in_retry_lines_and_totals_and_the_preflight_points_at_base_url()
    {
        var url = $"http://127.0.0.1:{LoopbackOpenAiServer.FreePort()}/v1";
        var config = WriteConfig(url);
        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", Path.Combine(_dir, "checked"));
        Assert.That(exit, Is.EqualTo(2), err);
        Assert.That(CliRunner.Messages(err).Last(), Is.EqualTo(
            $"error: pre-flight check failed: GET {url}/models → connection refused (check that the server is up and that base_url ({url}) is right; --skip-preflight skips this check)"));

        (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", Path.Combine(_dir, "run"), "--skip-preflight");
        Assert.That(exit, Is.EqualTo(2), err);
        Assert.That(err, Does.Match(@"\[numbers\] retry 1/2 after connection refused \(waiting [0-9.]+ s\) · planner\n"));
        Assert.That(err, Does.Contain("[numbers] requests: 3 sent · retries: 2 after connection refused · cache hits: 0 agent, 0 judge · tool calls: 0\n"));
        Assert.That(CliRunner.Messages(err).Last(), Does.Contain($"failed with unreachable: planner at {url}: connection refused"));
    }

    [Test]
    public async Task A_refused_key_is_one_clean_line_in_the_stop_message_episodes_csv_and_the_report()
    {
        using var server = new LoopbackOpenAiServer(r => r.Model == "planner" ? LoopbackReply.Error(401, "bad key", "invalid_request_error") : LlmWorld.Reply(r));
        var run = Path.Combine(_dir, "run");
        var (exit, _, err) = await CliRunner.RunAsync("run", WriteConfig(server.BaseUrl), "--out", run, "--skip-preflight");
        Assert.That(exit, Is.EqualTo(2), err);
        var clean = $"planner at {server.BaseUrl}: HTTP 401 invalid_request_error: bad key";
        Assert.That(CliRunner.Messages(err).Last(), Does.Contain($"failed with auth: {clean};"));
        var failed = CsvFiles.Read<EpisodeRecord>(Path.Combine(run, "episodes.csv")).Single();
        Assert.That((failed.JudgeError, failed.ErrorKind, failed.ErrorBox), Is.EqualTo((clean, "auth", "agent")));

        (exit, _, err) = await CliRunner.RunAsync("report", run);
        Assert.That(exit, Is.Zero, err);
        var report = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.That(report, Does.Contain(clean).And.Not.Contain("HTTP 401: HTTP 401"));
    }

    /// <summary>The totals line as docs/guides/llm.md quotes it is the shape the run prints.</summary>
    [Test]
    public async Task The_totals_line_the_guide_quotes_is_the_shape_a_run_prints()
    {
        var guide = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "guides", "llm.md"));
        var quoted = Regex.Match(guide, @"^\[(?<name>[a-z0-9-]+)\] requests: .*$", RegexOptions.Multiline);
        Assert.That(quoted.Success, "docs/guides/llm.md quotes a totals line");
        // The quoted line with its numbers, causes and run name made variable.
        var shape = "^" + Regex.Replace(Regex.Escape(quoted.Value), @"\d+", @"\d+")
            .Replace(Regex.Escape(quoted.Groups["name"].Value), "[a-z0-9-]+")
            .Replace(@"after\ HTTP\ \d+", @"after\ [a-zA-Z0-9 ]+")
            .Replace(@"after\ connection\ refused", @"after\ [a-zA-Z0-9 ]+") + "$";

        using var server = new LoopbackOpenAiServer(LlmWorld.Reply, faultRate: 0.25, faultSeed: 5);
        var (exit, _, err) = await CliRunner.RunAsync("run", WriteConfig(server.BaseUrl, schedule: "iterations: 1, max_error_rate: 1"), "--out", Path.Combine(_dir, "run"));
        Assert.That(exit, Is.Zero, err);
        var printed = err.Split('\n').Single(l => l.Contains("] requests: "));
        Assert.That(printed, Does.Match(shape), $"documented: {quoted.Value}");
    }
}
