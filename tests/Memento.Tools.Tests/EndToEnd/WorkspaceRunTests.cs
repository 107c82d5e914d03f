using System.Text.Json.Nodes;
using Memento.Llm.Loopback;
using NUnit.Framework;

namespace Memento.Tools.Tests.EndToEnd;

/// <summary>
/// <c>memento run</c> with the LLM agent on the loopback LLM server and the built-in run_python in process: task q0's
/// code writes a file and prints the right fact; q1's code sleeps past the 1 s wall-clock limit, so q1 is answered
/// wrong. Each <c>tools.workspace.cleanup</c> leaves the episode folders it promises, and the trajectory holds the
/// tool's structured fields (exit code, timeout flag) beside each call.
/// </summary>
[Category("EndToEnd")]
public class WorkspaceRunTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempFolder();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static ResearchWorld World() => new(
        "run_python", i => i == 0
            ? """{"code":"open('note.txt', 'w').write('kept'); print('FACT=answer 0;')"}"""
            : """{"code":"import time; time.sleep(30); print('FACT=answer 1;')"}""",
        "read_file", _ => null);

    private async Task<string> RunAsync(LoopbackOpenAiServer llm, string cleanup)
    {
        var tasks = Path.Join(_temp.Path, "tasks.jsonl");
        File.WriteAllLines(tasks, Enumerable.Range(0, 2).Select(i => $$"""{"id":"q{{i}}","question":"Question number {{i}}?","answer":"answer {{i}}","source":"s"}"""));
        var config = Path.Join(_temp.Path, $"run-{cleanup}.yaml");
        File.WriteAllText(config, $$"""
            name: workspaces
            seed: 1
            dataset: {kind: jsonl, path: {{tasks}}}
            agent: {kind: llm, base_url: "{{llm.BaseUrl}}", api_key_env: null, planner_model: planner, executor_model: executor, retry_delay_s: 0.01}
            memory: {policy: none, k: 0}
            schedule: {iterations: 1}
            judge: {kind: deepresearcher}
            tools:
              builtin: [run_python, read_file]
              workspace: {cleanup: {{cleanup}}}
              run_python: {timeout_s: 1}
            """);
        var run = Path.Join(_temp.Path, cleanup);
        var (exit, _, err) = await Programs.Memento("run", config, "--out", run);
        Assert.That(exit, Is.Zero, err);
        return run;
    }

    private static string[] EpisodeFolders(string run) =>
        Directory.Exists(Path.Join(run, "workspaces"))
            ? Directory.GetDirectories(Path.Join(run, "workspaces")).Select(d => Path.GetFileName(d)).Order().ToArray()
            : [];

    [Test]
    public async Task Workspaces_are_kept_removed_or_kept_only_for_failures_and_the_trajectory_has_the_tool_fields()
    {
        using var llm = new LoopbackOpenAiServer(World().Reply);

        var kept = await RunAsync(llm, "keep");
        Assert.That(EpisodeFolders(kept), Is.EqualTo(new[] { "q0-i1-a1", "q1-i1-a1" }));
        Assert.That(File.ReadAllText(Path.Join(kept, "workspaces", "q0-i1-a1", "workspace", "note.txt")), Is.EqualTo("kept"));

        var calls = File.ReadAllLines(Path.Join(kept, "trajectories.jsonl")).Select(l => JsonNode.Parse(l)!)
            .ToDictionary(l => l["task_id"]!.ToString(), l => l["agent"]!["cycles"]![0]!["subtasks"]![0]!["tool_calls"]![0]!);
        Assert.That(calls["q0"]["fields"]!["exit_code"]!.ToString(), Is.EqualTo("0"));
        Assert.That(calls["q0"]["fields"]!["timed_out"]!.ToString(), Is.EqualTo("false"));
        Assert.That(calls["q1"]["fields"]!["timed_out"]!.ToString(), Is.EqualTo("true"));
        Assert.That(calls["q1"]["result"]!.ToString(), Does.Contain("wall-clock limit of 1 s"));

        Assert.That(EpisodeFolders(await RunAsync(llm, "delete")), Is.Empty);
        Assert.That(EpisodeFolders(await RunAsync(llm, "delete_on_success")), Is.EqualTo(new[] { "q1-i1-a1" }), "q1 was answered wrong");
    }
}
