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
    private static async Task<string> ListAsync(HeadlessChromium browser, InspectViewer viewer, string shot, params string[] expected)
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
        await using var browser = await HeadlessChromium.StartAsync();
        await ListAsync(browser, viewer, "sim", "sim-viewer", "memento/sim", Score(logs, log));

        await browser.NavigateAsync($"{viewer.Url}#/logs/{log}/samples");
        await browser.WaitForAsync("document.body.innerText.includes('syn-')", "the samples table");
        await browser.ScreenshotAsync(Path.Combine(Shots, "sim-log.png"));
        Assert.That(viewer.RangeRequests, Is.GreaterThan(0), "the .eval log was read by byte ranges");
        Assert.That(await browser.EvaluateAsync("document.querySelectorAll('.error-panel').length"), Is.Not.Null);
        Assert.That((await browser.EvaluateAsync("document.querySelectorAll('.error-panel').length"))!.GetValue<int>(), Is.Zero);
    }
}
