using System.IO.Compression;
using System.Text.Json.Nodes;
using Memento.Llm.Loopback;
using NUnit.Framework;

namespace Memento.Tools.Tests.EndToEnd.Viewer;

/// <summary>
/// Runs exported by <c>memento export inspect</c> rendered in inspect's own log viewer (the npm build of the React app
/// <c>inspect view</c> serves) in headless Chromium: the log list shows each run with its score, a log shows its samples
/// table, and an LLM episode's transcript shows the question, the messages, a tool call and the scores. A broken log is
/// caught by the same check. Screenshots of each page are kept under <c>TestResults/inspect-viewer/</c>.
/// </summary>
[Category("EndToEnd"), Category("Slow")]
public class InspectViewerTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempFolder();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static string Shots => Path.Combine(Programs.RepoRoot, "TestResults", "inspect-viewer");

    private static async Task<string> MementoAsync(params string[] args)
    {
        var (exit, output, err) = await Programs.Memento(args);
        Assert.That(exit, Is.Zero, err);
        return output;
    }

    private string SimConfig(string name, string grid = "")
    {
        var config = Path.Join(_temp.Path, name + ".yaml");
        File.WriteAllText(config, $"""
            name: {name}
            seed: 3
            dataset: {"{"}kind: synthetic, synthetic_tasks: 40{"}"}
            memory: {"{"}policy: similarity, k: 2{"}"}
            schedule: {"{"}iterations: 2{"}"}
            judge: {"{"}kind: deepresearcher, reward: em{"}"}
            {grid}
            """);
        return config;
    }

    /// <summary>The viewer's log list once it shows every text of <paramref name="expected"/>; its screenshot.</summary>
    private static async Task<string> ListAsync(DevToolsBrowser browser, InspectViewer viewer, string shot, params string[] expected)
    {
        await browser.NavigateAsync(viewer.Url + "#/logs/");
        await browser.WaitForAsync(string.Join(" && ", expected.Select(e => $"document.body.innerText.includes({Js(e)})")),
            "the log list with " + string.Join(", ", expected));
        await browser.ScreenshotAsync(Path.Combine(Shots, shot + "-list.png"));
        return await browser.TextAsync();
    }

    private static string Score(string logs, string log) =>
        JsonNode.Parse(File.ReadAllText(Path.Join(logs, "listing.json")))![log]!["primary_metric"]!["value"]!.GetValue<double>()
            .ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A script true once the sample's <paramref name="tab"/> is the one shown.</summary>
    private static string Tab(string tab) =>
        $"[...document.querySelectorAll('.active')].some(e => e.innerText.trim().toLowerCase() === {Js(tab)})";

    private static string Js(string text) => JsonValue.Create(text).ToJsonString();

    [Test]
    public async Task A_simulator_run_opens_in_the_viewer_with_its_score_and_samples()
    {
        var run = Path.Join(_temp.Path, "sim-run");
        await MementoAsync("run", SimConfig("sim-viewer"), "--out", run);
        var logs = Path.Join(_temp.Path, "logs");
        await MementoAsync("export", "inspect", run, "--out", logs);
        var log = Path.GetFileName(Directory.GetFiles(logs, "*.eval").Single());

        using var viewer = new InspectViewer(logs);
        await using var browser = await DevToolsBrowser.StartAsync();
        await ListAsync(browser, viewer, "sim", "sim-viewer", "memento/sim", Score(logs, log));

        await browser.NavigateAsync($"{viewer.Url}#/logs/{log}/samples");
        await browser.WaitForAsync("document.body.innerText.includes('syn-')", "the samples table");
        await browser.ScreenshotAsync(Path.Combine(Shots, "sim-log.png"));
        Assert.That(viewer.RangeRequests, Is.GreaterThan(0), "the .eval log was read by byte ranges");
        Assert.That(await browser.EvaluateAsync("document.querySelectorAll('.error-panel').length"), Is.Not.Null);
        Assert.That((await browser.EvaluateAsync("document.querySelectorAll('.error-panel').length"))!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task An_llm_run_with_a_tool_shows_the_question_messages_tool_call_and_scores_in_the_transcript()
    {
        var tasks = Path.Join(_temp.Path, "tasks.jsonl");
        File.WriteAllLines(tasks, Enumerable.Range(0, 2).Select(i => $$"""{"id":"q{{i}}","question":"Question number {{i}}?","answer":"answer {{i}}","source":"s"}"""));
        var config = Path.Join(_temp.Path, "llm.yaml");
        var run = Path.Join(_temp.Path, "llm-run");
        var world = new ResearchWorld("run_python", i => $$"""{"code":"print('FACT=answer {{i}};')"}""", "read_file", _ => null);
        using (var llm = new LoopbackOpenAiServer(world.Reply))
        {
            File.WriteAllText(config, $$"""
                name: llm-viewer
                seed: 1
                dataset: {kind: jsonl, path: {{tasks}}}
                agent: {kind: llm, base_url: "{{llm.BaseUrl}}", api_key_env: null, planner_model: planner, executor_model: executor, retry_delay_s: 0.01}
                memory: {policy: similarity, k: 1}
                schedule: {iterations: 1}
                judge: {kind: deepresearcher}
                tools: {builtin: [run_python]}
                """);
            await MementoAsync("run", config, "--out", run);
        }
        var logs = Path.Join(_temp.Path, "logs");
        await MementoAsync("export", "inspect", run, "--out", logs);
        var log = Path.GetFileName(Directory.GetFiles(logs, "*.eval").Single());

        using var viewer = new InspectViewer(logs);
        await using var browser = await DevToolsBrowser.StartAsync();
        await ListAsync(browser, viewer, "llm", "llm-viewer", "openai/planner", Score(logs, log));

        await browser.NavigateAsync($"{viewer.Url}#/logs/{log}/samples");
        await browser.WaitForAsync("document.body.innerText.includes('Question number 1?')", "the samples table");
        await browser.ScreenshotAsync(Path.Combine(Shots, "llm-log.png"));

        await browser.NavigateAsync($"{viewer.Url}#/logs/{log}/samples/sample/q1/1/transcript");
        await browser.WaitForAsync(Tab("transcript") + " && document.body.innerText.toLowerCase().includes('tool: run_python')", "the transcript's tool call");
        await browser.ScreenshotAsync(Path.Combine(Shots, "llm-transcript.png"));
        var transcript = await browser.TextAsync();
        Assert.That(transcript, Does.Contain("Question number 1?").And.Contain("FACT=answer 1;").And.Contain("answer 1"));

        await browser.NavigateAsync($"{viewer.Url}#/logs/{log}/samples/sample/q1/1/messages");
        await browser.WaitForAsync(Tab("messages") + " && document.body.innerText.includes('Task 1: Research question 1 with the tools')", "the messages");
        await browser.ScreenshotAsync(Path.Combine(Shots, "llm-messages.png"));

        await browser.NavigateAsync($"{viewer.Url}#/logs/{log}/samples/sample/q1/1/scoring");
        await browser.WaitForAsync(Tab("scoring") + " && document.body.innerText.toLowerCase().includes('scorer')", "the scores");
        await browser.ScreenshotAsync(Path.Combine(Shots, "llm-scores.png"));
        Assert.That((await browser.EvaluateAsync("document.querySelectorAll('.error-panel').length"))!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task A_sweep_exports_one_json_log_per_point_and_a_broken_log_shows_the_error_panel()
    {
        var sweep = Path.Join(_temp.Path, "sweep");
        await MementoAsync("sweep", SimConfig("sweep-viewer", "grid: {memory.policy: [none, similarity]}"), "--out", sweep);
        var logs = Path.Join(_temp.Path, "logs");
        await MementoAsync("export", "inspect", sweep, "--out", logs, "--format", "json");
        var files = Directory.GetFiles(logs, "*.json").Select(Path.GetFileName).Where(f => f != "listing.json").Order().ToList();
        Assert.That(files, Has.Count.EqualTo(2));
        var runIds = files.Select(f => JsonNode.Parse(File.ReadAllText(Path.Join(logs, f)))!["eval"]!["run_id"]!.GetValue<string>()).Distinct();
        Assert.That(runIds.Count(), Is.EqualTo(1), "the points of one sweep share its run id");

        using (var viewer = new InspectViewer(logs))
        {
            await using var browser = await DevToolsBrowser.StartAsync();
            await ListAsync(browser, viewer, "sweep", [.. files.Select(f => Score(logs, f!)), .. files.Select(f => f!)]);
            await browser.NavigateAsync($"{viewer.Url}#/logs/{files[1]}/samples");
            await browser.WaitForAsync("document.body.innerText.includes('syn-')", "the samples table");
            await browser.ScreenshotAsync(Path.Combine(Shots, "sweep-log.png"));
        }

        // The same check catches a log the viewer cannot read: results.scores an object instead of a list.
        var broken = Path.Join(_temp.Path, "broken");
        Directory.CreateDirectory(broken);
        var document = JsonNode.Parse(File.ReadAllText(Path.Join(logs, files[0]!)))!;
        document["results"]!["scores"] = new JsonObject { ["reward"] = 1 };
        File.WriteAllText(Path.Join(broken, files[0]!), document.ToJsonString());
        File.Copy(Path.Join(logs, "listing.json"), Path.Join(broken, "listing.json"));
        using (var viewer = new InspectViewer(broken))
        {
            await using var browser = await DevToolsBrowser.StartAsync();
            await browser.NavigateAsync($"{viewer.Url}#/logs/{files[0]}/samples");
            await browser.WaitForAsync("document.querySelector('.error-panel') !== null", "its error panel for the broken log");
            await browser.ScreenshotAsync(Path.Combine(Shots, "broken-log.png"));
        }
    }
}
