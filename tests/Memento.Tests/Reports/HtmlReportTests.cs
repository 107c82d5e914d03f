using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Memento.Core.Agents;
using Memento.Core.Judging;
using Memento.Core.Memory;
using Memento.Core.Results;
using Memento.Reports;
using Memento.Reports.Html;
using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Reports;

/// <summary>The HTML report's static parts and embedded data, read without a browser from a run folder written by
/// hand, so every expected figure can be worked out on paper (the browser tests are in <see cref="ReportBrowserTests"/>).</summary>
public class HtmlReportTests
{
    private const string Hostile = "What is </script><script>alert(1)</script><!-- ?";

    /// <summary>Four LLM-like episodes over two iterations, K = 2, sources a and b; cases 0 and 2 (source a) succeeded,
    /// 1 and 3 (source b) failed. Episode 4 is unscored; episode 3 has planner cycles and a judge rationale.</summary>
    private static string LlmRun(string parent, string name = "llm-run", bool provenance = true)
    {
        var dir = Path.Combine(parent, name);
        Directory.CreateDirectory(dir);
        EpisodeRecord E(int id, int it, string src, int bank, string ret, int pos, int reward, string question, decimal cost, string error = "") => new()
        {
            Episode = id, Iteration = it, Attempt = 1, TaskId = $"t{id % 2}", Source = src, Policy = "similarity", K = 2,
            BankSize = bank, Retrieved = ret, RetrievedPositive = pos, Question = question, Answer = $"answer {id}",
            Gold = "gold", Reward = reward, Em = reward, F1 = reward, JudgeError = error, PromptTokens = 10, CompletionTokens = 5,
            CostUsd = cost, CostWithHitsUsd = 2 * cost, CacheHits = 1,
        };
        var episodes = new[]
        {
            E(1, 1, "a", 0, "", 0, 1, "q one", 0.01m), E(2, 1, "b", 1, "0", 1, 0, "q two", 0.02m),
            E(3, 2, "a", 2, "0;1", 1, 1, Hostile, 0.03m), E(4, 2, "b", 3, "1;2", 1, 0, "q two", 0.04m, "judge failed: timeout"),
        };
        CsvFiles.Write(Path.Combine(dir, "episodes.csv"), episodes);
        IReadOnlyList<PlannerCycle> cycles =
        [
            new(1, [new SubtaskTrace("1", "look it up", "found it", [new ToolCallTrace("search", JsonDocument.Parse("""{"q":"x"}""").RootElement, "see https://example.com/page")])]),
            new(2, FinalAnswer: "answer 3"),
        ];
        File.WriteAllLines(Path.Combine(dir, "trajectories.jsonl"), episodes.Select(e => new TrajectoryLine(e.Episode, e.Iteration, e.Attempt, e.TaskId,
            new AgentResult(e.Answer, $"plan {e.Episode}", Cycles: e.Episode == 3 ? cycles : null),
            new Judgement(e.Em == 1, e.F1 ?? 0, null, e.JudgeError.Length > 0 ? e.JudgeError : null, Rationale: e.Episode == 3 ? "matches the gold answer" : null),
            e.JudgeError.Length > 0 ? null : e.Reward).Serialize()));
        var bank = new CaseBank();
        foreach (var e in episodes) bank.Write(e.Question, $"plan {e.Episode}", e.Reward ?? 0, e.TaskId, e.Source);
        CaseBankFile.Write(Path.Combine(dir, "casebank.jsonl"), bank);
        File.WriteAllText(Path.Combine(dir, "config.yaml"), $"name: {name}\nseed: 1\nmemory:\n  policy: similarity\n  k: 2\n");
        if (provenance)
            File.WriteAllText(Path.Combine(dir, "run.json"), """{"memento_version":"1.2.3","git":{"commit":"abc123","dirty":false},"command":"memento run x.yaml"}""");
        return dir;
    }

    private static IDocument Page(string html) => new HtmlParser().ParseDocument(html);

    private static JsonElement Data(IDocument page) => JsonDocument.Parse(page.GetElementById("report-data")!.TextContent).RootElement;

    private static string Cell(IDocument page, string table, string key) =>
        page.QuerySelectorAll($"table.{table} tr").Single(r => r.Children[0].TextContent == key).Children[1].TextContent;

    [Test]
    public void Data_outside_strings_cannot_end_the_script_and_every_text_round_trips()
    {
        var html = HtmlReport.Render([ResultFolder.Load(LlmRun(TestPaths.TempDir()))]);
        var page = Page(html);
        Assert.That(System.Text.RegularExpressions.Regex.Count(html, "</script", System.Text.RegularExpressions.RegexOptions.IgnoreCase),
            Is.EqualTo(page.QuerySelectorAll("script").Length), "the only </script are the two closing tags");
        Assert.That(html, Does.Not.Contain("<!-- ?"));
        var data = Data(page);
        var strings = data.GetProperty("strings").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.That(strings, Does.Contain(Hostile));
        var ep = data.GetProperty("points")[0].GetProperty("ep");
        Assert.That(ep.GetProperty("ret").EnumerateArray().Select(r => r.EnumerateArray().Select(i => i.GetInt32()).ToArray()),
            Is.EqualTo(new[] { Array.Empty<int>(), [0], [0, 1], [1, 2] }));
        Assert.That(strings[ep.GetProperty("err")[3].GetInt32()], Is.EqualTo("judge failed: timeout"));
        var trace = data.GetProperty("points")[0].GetProperty("traces").GetProperty("2");
        Assert.That(trace.GetProperty("rationale").GetString(), Is.EqualTo("matches the gold answer"));
        Assert.That(trace.GetProperty("cycles")[0].GetProperty("subtasks")[0].GetProperty("tool_calls")[0].GetProperty("name").GetString(), Is.EqualTo("search"));
    }

    [Test]
    public void The_page_refers_to_nothing_outside_itself()
    {
        var page = Page(HtmlReport.Render([ResultFolder.Load(LlmRun(TestPaths.TempDir()))]));
        Assert.That(page.QuerySelectorAll("[src]"), Is.Empty, "no element loads a file");
        Assert.That(page.QuerySelectorAll("[href]").Select(a => a.GetAttribute("href")), Has.All.StartsWith("#"));
        Assert.That(page.QuerySelector("style")!.TextContent, Does.Not.Contain("url(").And.Not.Contain("@import"));
        Assert.That(page.QuerySelector("meta[http-equiv=Content-Security-Policy]")!.GetAttribute("content"), Does.StartWith("default-src 'none'"),
            "and the browser is told to refuse any load");
    }

    [Test]
    public void Provenance_totals_and_memory_diagnostics_are_the_figures_of_the_folder()
    {
        var page = Page(HtmlReport.Render([ResultFolder.Load(LlmRun(TestPaths.TempDir()))]));
        Assert.That(Cell(page, "provenance", "git.commit"), Is.EqualTo("abc123"));
        Assert.That(Cell(page, "provenance", "command"), Is.EqualTo("memento run x.yaml"));
        Assert.That(Cell(page, "totals", "episodes"), Is.EqualTo("4"));
        Assert.That(Cell(page, "totals", "scored"), Is.EqualTo("3 (2 correct, 66.7%)"));
        Assert.That(Cell(page, "totals", "unscored"), Is.EqualTo("1: judge failed: timeout (1)"));
        Assert.That(Cell(page, "totals", "agent tokens"), Is.EqualTo("40 prompt + 20 completion"));
        Assert.That(Cell(page, "totals", "cost"), Is.EqualTo("0.1 USD spent; 0.2 USD with its 4 cache hits priced as if sent"));

        // Iteration 1: bank 1 (case 0, a success); one case read (case 0, source a, by a source-b episode); both
        // reads short of K = 2. Iteration 2: bank 3 (cases 0 and 2 succeeded); cases 0,1 read by an a-episode and
        // 1,2 by a b-episode: 2 of 4 successful (retrieved_positive), 2 of 4 from the reader's source; no short read.
        var rows = page.QuerySelectorAll("table.diagnostics tbody tr").Select(r => r.Children.Select(c => c.TextContent).ToArray()).ToList();
        Assert.That(rows, Is.EqualTo(new[]
        {
            new[] { "policy=similarity", "1", "1", "100.0", "100.0", "0.0", "2 of 2" },
            new[] { "policy=similarity", "2", "3", "66.7", "50.0", "50.0", "0 of 2" },
        }));
    }

    [Test]
    public void Cost_against_accuracy_has_one_point_per_series_when_every_episode_has_a_cost()
    {
        var page = Page(HtmlReport.Render([ResultFolder.Load(LlmRun(TestPaths.TempDir()))]));
        var point = Data(page).GetProperty("scatter").EnumerateArray().Single();
        Assert.That(point.GetProperty("cost").GetDouble(), Is.EqualTo(0.1).Within(1e-9));
        Assert.That(point.GetProperty("accuracy").GetDouble(), Is.EqualTo(100.0), "final iteration: 1 of 1 scored episode rewarded; the unscored one is in no denominator");
        Assert.That(page.QuerySelector(".chart[data-chart=scatter]"), Is.Not.Null);
    }

    [Test]
    public void A_trajectory_log_in_an_older_format_leaves_plans_out_with_a_note_instead_of_failing()
    {
        var dir = LlmRun(TestPaths.TempDir());
        File.WriteAllText(Path.Combine(dir, "trajectories.jsonl"), """{"episode":1,"iteration":1,"attempt":1,"task_id":"t1","answer":"a","plan":"p"}""" + "\n");
        var page = Page(HtmlReport.Render([ResultFolder.Load(dir)]));
        Assert.That(page.QuerySelector("p.warning")!.TextContent, Does.Contain("trajectories.jsonl").And.Contain("plans and planner cycles of this run are not shown"));
        Assert.That(Data(page).GetProperty("points")[0].GetProperty("ep").GetProperty("plan").EnumerateArray().Select(p => p.GetInt32()), Has.All.EqualTo(0));
    }

    [Test]
    public void Without_run_json_the_page_says_provenance_was_not_recorded()
    {
        var page = Page(HtmlReport.Render([ResultFolder.Load(LlmRun(TestPaths.TempDir(), provenance: false))]));
        Assert.That(page.QuerySelector("table.provenance"), Is.Null);
        Assert.That(page.QuerySelector("#overview")!.TextContent, Does.Contain("No run.json in this folder"));
    }

    [Test]
    public async Task A_folder_of_result_folders_is_compared_side_by_side_and_a_folder_of_nothing_is_refused()
    {
        var parent = TestPaths.TempDir();
        LlmRun(parent, "first");
        LlmRun(parent, "second");
        var output = Path.Combine(TestPaths.TempDir(), "both.html");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("report", parent, "--out", output);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout.Trim(), Is.EqualTo(output));
        var page = Page(File.ReadAllText(output));
        Assert.That(page.QuerySelectorAll("#curves .panel h3").Select(h => h.TextContent), Is.EqualTo(new[] { "first", "second" }));

        var empty = TestPaths.TempDir();
        (exit, _, stderr) = await CliRunner.RunAsync("report", empty);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(CliRunner.Messages(stderr), Has.Length.EqualTo(1));
        Assert.That(stderr, Does.Contain(empty).And.Contain("neither a run folder"));
    }
}
