using System.Text.RegularExpressions;
using Memento.Core.Results;
using Memento.Llm.Loopback;
using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Llm;

/// <summary>The paper's Table 5 ablation ladder as one sweep on the loopback server, over a few DeepResearcher-style
/// questions: the four rungs are one '+'-joined grid key; the offline executor sends no tools and no plan, the online
/// executor tools and no plan; <c>memento table</c> renders the ladder with its deltas and the Fig. 5-6 data from the
/// recorded trajectories.</summary>
[Category("EndToEnd")]
[Category("Slow")]
public partial class AblationRunTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("memento-ablation-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    /// <summary>Alone, the executor calls calculate once when offered tools, then answers right only with its result;
    /// in the planner-executor it reports the fact the planner answers from.</summary>
    private static LoopbackReply Script(LoopbackRequest r)
    {
        if (r.Model == "judge") return LlmWorld.Reply(r);
        var i = Number().Match(r.AllContent).Groups[1].Value;
        if (r.Model == "executor" && r.Messages[0]!["content"]!.ToString().Contains("on your own"))
        {
            if (r.HasTools && r.LastRole != "tool") return LoopbackReply.Call("calculate", """{"expression":"6*7"}""");
            return LoopbackReply.Text(r.LastRole == "tool" ? $"The tool helped.\nFINAL ANSWER: answer {i}" : "FINAL ANSWER: no idea");
        }
        if (r.Model == "executor") return LoopbackReply.Text($"FACT=answer {i};");
        var fact = Regex.Match(r.AllContent, "FACT=([^;]+);");
        return LoopbackReply.Text(fact.Success ? "FINAL ANSWER: " + fact.Groups[1].Value : LlmWorld.PlanFor(int.Parse(i)));
    }

    [Test]
    public async Task The_four_rungs_run_as_one_sweep_and_the_table_shows_the_ladder_and_its_deltas()
    {
        using var server = new LoopbackOpenAiServer(Script);
        var tasks = Path.Combine(_dir, "tasks.jsonl");
        File.WriteAllLines(tasks, Enumerable.Range(0, 4).Select(i =>
            $$"""{"id":"q{{i}}","question":"Question number {{i}}?","answer":"answer {{i}}","source":"{{(i % 2 == 0 ? "nq" : "hotpotqa")}}"}"""));
        var config = Path.Combine(_dir, "ablation.yaml");
        File.WriteAllText(config, $$"""
            name: ablation-loopback
            dataset: {kind: jsonl, path: {{tasks}}}
            agent: {kind: llm, base_url: "{{server.BaseUrl}}", planner_model: planner, executor_model: executor, api_key_env: null, retry_delay_s: 0.005}
            memory: {policy: similarity, k: 2}
            schedule: {iterations: 1}
            judge: {kind: llm, reward: pm, model: judge}
            tools: {builtin: [calculate]}
            grid:
              agent.mode+memory.policy: [[offline-executor, none], [online-executor, none], [planner-executor, none], [planner-executor, similarity]]
            """);
        var outDir = Path.Combine(_dir, "sweep");
        var (exit, _, err) = await CliRunner.RunAsync("sweep", config, "--out", outDir);
        Assert.That(exit, Is.Zero, err);
        Assert.That(Directory.GetDirectories(outDir).Select(Path.GetFileName).Where(n => n!.StartsWith("agent.")), Is.EquivalentTo(new[]
        {
            "agent.mode-offline-executor_memory.policy-none", "agent.mode-online-executor_memory.policy-none",
            "agent.mode-planner-executor_memory.policy-none", "agent.mode-planner-executor_memory.policy-similarity",
        }));

        var alone = server.Received.Where(r => r.Model == "executor" && r.Messages[0]!["content"]!.ToString().Contains("on your own")).ToList();
        Assert.That(alone.Count(r => !r.HasTools), Is.EqualTo(4), "the offline executor: one request per question, no tools");
        Assert.That(alone.Count(r => r.HasTools && r.LastRole == "user"), Is.EqualTo(4), "the online executor: offered tools");
        Assert.That(alone, Has.None.Matches<LoopbackRequest>(r => r.Has("\"plan\"")), "no plan reaches an executor-only rung");
        Assert.That(server.Received.Count(r => r.Model == "planner"), Is.EqualTo(2 * 4 * 2), "planner rungs only: plan, then answer, per question");

        var offline = CsvFiles.Read<EpisodeRecord>(Path.Combine(outDir, "agent.mode-offline-executor_memory.policy-none", "episodes.csv"));
        Assert.That(offline.Select(e => e.Reward), Has.All.EqualTo(0));
        var online = Path.Combine(outDir, "agent.mode-online-executor_memory.policy-none");
        Assert.That(CsvFiles.Read<EpisodeRecord>(Path.Combine(online, "episodes.csv")).Select(e => e.Reward), Has.All.EqualTo(1));
        var line = TrajectoryLog.Read(Path.Combine(online, "trajectories.jsonl"))[0];
        Assert.That(line.Agent.Plan, Is.Empty);
        Assert.That(line.Agent.Cycles!.Single().Subtasks!.Single().ToolCalls.Single().Name, Is.EqualTo("calculate"));

        var (tableExit, table, tableErr) = await CliRunner.RunAsync("table", outDir);
        Assert.That(tableExit, Is.Zero, tableErr);
        Assert.That(table, Does.Contain("ablation ladder, DeepResearcher F1 / PM by source (paper Table 5 layout)"));
        Assert.That(table, Does.Contain("| Offline Executor | 1 | 0.0 | 0.0 | 0.0 | 0.0 |"));
        Assert.That(table, Does.Contain("| Online Executor | 1 | 100.0 | 100.0 |"));
        Assert.That(table, Does.Contain("| Δ tools (Online − Offline Executor) |  | +100.0 | +100.0 |"));
        Assert.That(table, Does.Contain("| Δ CBR (Memento − Memento w/o CBR) |  | 0.0 | 0.0 |"));
        // Fig. 5 data: the online executor called calculate once per task; the others none.
        Assert.That(table, Does.Contain("tool calls per task by tool and source (paper Figure 5 data)"));
        Assert.That(table, Does.Contain("| mode=online-executor, policy=none | All | 4 | 1.0 | 1.0 |"));
        Assert.That(table, Does.Contain("| mode=offline-executor, policy=none | All | 4 | 0.0 | 0.0 |"));
        Assert.That(table, Does.Contain("input / output tokens and cost per task by source (paper Figure 6 data)"));
    }

    [GeneratedRegex(@"Question number (\d+)")]
    private static partial Regex Number();
}
