using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Memento.Core.Memory;
using Memento.Core.Results;
using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Reports;

/// <summary>The HTML report a sweep writes, opened from disk in headless chromium with the network pointed at nothing:
/// the rendered DOM has the tables, one curve per series and, for <c>#episode=N&amp;run=R</c>, that episode with the
/// cases its read returned; a question holding <c>&lt;/script&gt;</c> is text; the page requests nothing.</summary>
[Category("EndToEnd")]
public class ReportBrowserTests
{
    private const string Hostile = "Who wrote </script><p id=\"pwned\">injected</p><!-- this?";
    private string _sweep = "";
    private string _report = "";

    [OneTimeSetUp]
    public async Task RunSweep()
    {
        HeadlessChromium.Executable();
        var dir = TestPaths.TempDir();
        var tasks = Path.Combine(dir, "tasks.jsonl");
        File.WriteAllLines(tasks, Enumerable.Range(0, 24).Select(i => JsonSerializer.Serialize(new
        {
            id = $"t{i}", question = i == 5 ? Hostile : $"Which city is landmark number {i % 6} in?", answer = $"city {i % 6}", source = $"s{i % 2}",
        })));
        var config = Path.Combine(dir, "sweep.yaml");
        File.WriteAllText(config, $"""
            name: browser
            dataset: {"{"}kind: jsonl, path: {tasks}{"}"}
            memory: {"{"}k: 2{"}"}
            schedule: {"{"}iterations: 3{"}"}
            grid:
              memory.policy: [none, similarity]
              seed: [1, 2]
            """);
        _sweep = Path.Combine(dir, "sweep");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("sweep", config, "--out", _sweep);
        Assert.That(exit, Is.Zero, stderr);
        _report = Path.Combine(_sweep, "report.html");
        Assert.That(stdout, Does.Contain("report: " + _report), "sweep writes report.html by default");
    }

    private static IDocument Parse(string dom) => new HtmlParser().ParseDocument(dom);

    /// <summary>The run folders in the report's order (its <c>run</c> index), from the page's own data block.</summary>
    private List<(string Series, string Seed)> Runs()
    {
        var json = Parse(File.ReadAllText(_report)).GetElementById("report-data")!.TextContent;
        using var data = JsonDocument.Parse(json);
        return data.RootElement.GetProperty("points").EnumerateArray()
            .Select(p => (p.GetProperty("series").GetString()!, p.GetProperty("seed").GetString()!)).ToList();
    }

    [Test]
    public async Task An_episode_opened_by_its_id_shows_the_cases_it_read_and_the_page_has_tables_and_one_curve_per_series()
    {
        var runs = Runs();
        var run = runs.FindIndex(r => r.Series.Contains("similarity") && r.Seed == "2");
        var folder = Path.Combine(_sweep, "memory.policy-similarity_seed-2");
        var episode = CsvFiles.Read<EpisodeRecord>(Path.Combine(folder, "episodes.csv")).First(e => e.Iteration == 2 && e.Retrieved.Contains(';'));
        var bank = new CaseBank();
        CaseBankFile.ReadInto(Path.Combine(folder, "casebank.jsonl"), bank);

        var (dom, requests) = await HeadlessChromium.DumpDomAsync(_report, $"episode={episode.Episode}&run={run}");
        var page = Parse(dom);

        Assert.That(page.QuerySelectorAll("table.paper[data-table=continual] tbody tr"), Has.Length.EqualTo(2), "one row per series");
        Assert.That(page.QuerySelectorAll(".chart[data-chart=accuracy] path.curve"), Has.Length.EqualTo(2), "one curve per series");
        Assert.That(page.QuerySelectorAll("table.diagnostics tbody tr"), Has.Length.EqualTo(2 * 3), "series × iterations");
        Assert.That(page.QuerySelectorAll("#browser .list tbody tr"), Has.Length.EqualTo(50), "the first page of episodes");
        Assert.That(page.QuerySelector("#pager")!.TextContent, Does.Contain("of 288 episodes"));

        Assert.That(page.QuerySelector("#episode h3")!.TextContent, Does.StartWith($"Episode {episode.Episode} — policy=similarity, seed 2, iteration 2"));
        var ids = episode.Retrieved.Split(';');
        var rows = page.QuerySelectorAll("#episode tr.case");
        Assert.That(rows.Select(r => r.Children[1].TextContent), Is.EqualTo(ids), "the retrieved case ids, in rank order");
        Assert.That(rows.Select(r => r.Children[4].TextContent), Is.EqualTo(ids.Select(id => bank[int.Parse(id)].Question)), "each case's question from casebank.jsonl");
        Assert.That(requests, Is.Empty, "the page requested nothing over the network");

        var png = Path.Combine(TestPaths.TempDir(), "report-episode.png");
        await HeadlessChromium.ScreenshotAsync(_report, $"episode={episode.Episode}&run={run}", png, 1280, 900);
        TestContext.AddTestAttachment(png, "the sweep's report with an episode open");
    }

    [Test]
    public async Task A_question_holding_a_closing_script_tag_is_shown_as_text_and_breaks_nothing()
    {
        var episode = CsvFiles.Read<EpisodeRecord>(Path.Combine(_sweep, "memory.policy-none_seed-1", "episodes.csv")).First(e => e.TaskId == "t5");
        var run = Runs().FindIndex(r => r.Series.Contains("none") && r.Seed == "1");
        var (dom, requests) = await HeadlessChromium.DumpDomAsync(_report, $"episode={episode.Episode}&run={run}");
        var page = Parse(dom);
        Assert.That(page.GetElementById("pwned"), Is.Null, "no element was injected");
        var question = page.QuerySelectorAll("#episode table.kv tr").First(r => r.Children[0].TextContent == "question");
        Assert.That(question.Children[1].TextContent, Is.EqualTo(Hostile));
        Assert.That(page.QuerySelectorAll(".chart[data-chart=accuracy] path.curve"), Has.Length.EqualTo(2), "the script after the data still ran");
        Assert.That(requests, Is.Empty);
    }

    [Test]
    public async Task The_request_check_sees_a_page_that_does_load_something()
    {
        // Proves the empty request lists above mean something: the same check on a page loading an image and
        // fetching a URL lists both.
        var page = Path.Combine(TestPaths.TempDir(), "loads.html");
        File.WriteAllText(page, """<img src="http://example.invalid/a.png"><script>fetch("https://example.invalid/b")</script>""");
        var (_, requests) = await HeadlessChromium.DumpDomAsync(page);
        Assert.That(requests, Is.EquivalentTo(new[] { "http://example.invalid/a.png", "https://example.invalid/b" }));
    }
}
