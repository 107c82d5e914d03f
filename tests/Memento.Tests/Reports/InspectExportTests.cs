using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Memento.Core.Agents;
using Memento.Core.Judging;
using Memento.Core.Memory;
using Memento.Core.Results;
using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Reports;

/// <summary><c>memento export inspect</c> and <c>inspect_log: true</c>: the inspect log's header, samples and listing
/// read back from the files (the viewer itself renders them in Memento.Tools.Tests' InspectViewerTests).</summary>
public class InspectExportTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = TestPaths.TempDir();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private async Task<string> SimRunAsync(string extra = "")
    {
        var config = Path.Combine(_dir, "sim.yaml");
        File.WriteAllText(config, $"""
            name: inspect-sim
            seed: 2
            dataset: {"{"}kind: synthetic, synthetic_tasks: 12{"}"}
            memory: {"{"}policy: similarity, k: 2{"}"}
            schedule: {"{"}iterations: 2, attempts: 2{"}"}
            judge: {"{"}kind: deepresearcher, reward: em{"}"}
            {extra}
            """);
        var run = Path.Combine(_dir, "run");
        await Ok(CliRunner.RunAsync("run", config, "--out", run));
        return run;
    }

    private static async Task<string> Ok(Task<(int Exit, string Out, string Err)> command)
    {
        var (exit, output, err) = await command;
        Assert.That(exit, Is.Zero, err);
        return output;
    }

    private static JsonNode Log(string logs) =>
        JsonNode.Parse(File.ReadAllText(Directory.GetFiles(logs, "*.json").Single(f => Path.GetFileName(f) != "listing.json")))!;

    [Test]
    public async Task A_simulator_run_maps_to_one_sample_per_episode_with_epochs_scores_and_results()
    {
        var run = await SimRunAsync();
        var logs = Path.Combine(_dir, "logs");
        await Ok(CliRunner.RunAsync("export", "inspect", run, "--out", logs, "--format", "json"));
        var log = Log(logs);
        var episodes = CsvFiles.Read<EpisodeRecord>(Path.Combine(run, "episodes.csv"));

        Assert.That(log["version"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(log["status"]!.GetValue<string>(), Is.EqualTo("success"));
        Assert.That(log["eval"]!["task"]!.GetValue<string>(), Is.EqualTo("inspect-sim"));
        Assert.That(log["eval"]!["model"]!.GetValue<string>(), Is.EqualTo("memento/sim"));
        Assert.That(log["eval"]!["dataset"]!["samples"]!.GetValue<int>(), Is.EqualTo(12));
        Assert.That(log["eval"]!["config"]!["epochs"]!.GetValue<int>(), Is.EqualTo(4), "2 iterations × 2 attempts");
        Assert.That(log["eval"]!["config"]!["memory.policy"]!.GetValue<string>(), Is.EqualTo("similarity"));
        Assert.That(log["eval"]!["task_args"]!["schedule"]!["attempts"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(log["plan"]!["steps"]!.AsArray().Select(s => s!["solver"]!.GetValue<string>()), Is.EqualTo(new[] { "memento/read_policy", "memento/agent" }));

        var samples = log["samples"]!.AsArray();
        Assert.That(samples, Has.Count.EqualTo(episodes.Count).And.Count.EqualTo(48));
        Assert.That(samples.Select(s => $"{s!["id"]}/{s["epoch"]}").Distinct().Count(), Is.EqualTo(48), "id and epoch name one episode");
        var e = episodes.First(x => x.Iteration == 2 && x.Attempt == 2);
        var sample = samples.Single(s => s!["metadata"]!["episode"]!.GetValue<int>() == e.Episode)!;
        Assert.That(sample["epoch"]!.GetValue<int>(), Is.EqualTo(4), "(iteration − 1) × attempts + attempt");
        Assert.That(sample["id"]!.GetValue<string>(), Is.EqualTo(e.TaskId));
        Assert.That(sample["input"]!.GetValue<string>(), Is.EqualTo(e.Question));
        Assert.That(sample["scores"]!["reward"]!["value"]!.GetValue<int>(), Is.EqualTo(e.Reward));
        Assert.That(sample["scores"]!["f1"]!["value"]!.GetValue<double>(), Is.EqualTo(e.F1));
        Assert.That(sample["metadata"]!["bank_size"]!.GetValue<int>(), Is.EqualTo(e.BankSize));
        var bank = new CaseBank();
        CaseBankFile.ReadInto(Path.Combine(run, "casebank.jsonl"), bank);
        Assert.That(sample["metadata"]!["retrieved"]!.AsArray().Select(c => $"{c!["id"]}:{c["reward"]}"),
            Is.EqualTo(e.Retrieved.Split(';').Select(id => $"{id}:{bank[int.Parse(id)].Reward}")));
        Assert.That(sample["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()), Is.EqualTo(new[] { "user", "assistant" }));

        var reward = log["results"]!["scores"]![0]!;
        Assert.That(reward["name"]!.GetValue<string>(), Is.EqualTo("reward"));
        Assert.That(reward["metrics"]!["accuracy"]!["value"]!.GetValue<double>(), Is.EqualTo(Math.Round(episodes.Average(x => x.Reward!.Value), 6)));
        Assert.That(log["results"]!["total_samples"]!.GetValue<int>(), Is.EqualTo(48));
        Assert.That(log["results"]!["scores"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "reward", "em", "f1" }));

        var listing = JsonNode.Parse(File.ReadAllText(Path.Combine(logs, "listing.json")))!.AsObject();
        Assert.That(listing.Single().Value!["primary_metric"]!["name"]!.GetValue<string>(), Is.EqualTo("accuracy"));
        Assert.That(listing.Single().Value!["task_id"]!.GetValue<string>(), Is.EqualTo(log["eval"]!["task_id"]!.GetValue<string>()));
    }

    [Test]
    public async Task Exporting_twice_gives_the_same_bytes_and_an_interrupted_run_is_cancelled()
    {
        var run = await SimRunAsync();
        var (first, second) = (Path.Combine(_dir, "a"), Path.Combine(_dir, "b"));
        await Ok(CliRunner.RunAsync("export", "inspect", run, "--out", first));
        await Ok(CliRunner.RunAsync("export", "inspect", run, "--out", second));
        var name = Path.GetFileName(Directory.GetFiles(first, "*.eval").Single());
        Assert.That(File.ReadAllBytes(Path.Combine(second, name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(first, name))));
        using (var zip = ZipFile.OpenRead(Path.Combine(first, name)))
            Assert.That(zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("samples/", StringComparison.Ordinal)),
                Is.EquivalentTo(new[] { "_journal/start.json", "summaries.json", "header.json" }));

        var record = Path.Combine(run, "run.json");
        File.WriteAllText(record, File.ReadAllText(record).Replace("\"finished\"", "\"interrupted\""));
        var logs = Path.Combine(_dir, "c");
        await Ok(CliRunner.RunAsync("export", "inspect", run, "--out", logs, "--format", "json"));
        Assert.That(Log(logs)["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task The_inspect_log_key_writes_inspect_eval_into_the_run_folder_and_is_off_by_default()
    {
        Assert.That(File.Exists(Path.Combine(await SimRunAsync(), RunFolder.InspectLogFile)), Is.False);
        Directory.Delete(Path.Combine(_dir, "run"), recursive: true);
        var run = await SimRunAsync("inspect_log: true");
        using var zip = ZipFile.OpenRead(Path.Combine(run, RunFolder.InspectLogFile));
        var header = JsonNode.Parse(zip.GetEntry("header.json")!.Open())!;
        Assert.That(header["status"]!.GetValue<string>(), Is.EqualTo("success"));
        Assert.That(zip.Entries.Count(e => e.FullName.StartsWith("samples/", StringComparison.Ordinal)), Is.EqualTo(48));
    }

    /// <summary>An LLM episode with a plan, a tool call, per-call usage and a judge's rationale; another left unscored.</summary>
    [Test]
    public async Task An_llm_episode_gives_its_conversation_tool_events_usage_per_model_and_rationale_and_an_unscored_one_its_error()
    {
        var run = Path.Combine(_dir, "llm");
        Directory.CreateDirectory(run);
        EpisodeRecord E(int n, string error) => new()
        {
            Episode = n, Iteration = 1, Attempt = 1, TaskId = $"t{n}", Source = "s", Policy = "none", Question = $"question {n}?",
            Answer = $"answer {n}", Gold = "answer 1", Reward = error.Length == 0 ? 1 : 0, Em = 1, F1 = 1, Pm = error.Length == 0 ? true : null,
            JudgeError = error, ErrorKind = error.Length == 0 ? "" : "timeout", PromptTokens = 30, CompletionTokens = 6,
        };
        CsvFiles.Write(Path.Combine(run, "episodes.csv"), new[] { E(1, ""), E(2, "judge timed out") });
        var cycles = new PlannerCycle[]
        {
            new(1, [new SubtaskTrace("1", "look it up", "found answer 1",
                [new ToolCallTrace("web_search", JsonDocument.Parse("""{"query":"q"}""").RootElement, "result text")], new LlmUsage(20, 4, null))],
                Usage: new LlmUsage(5, 1, null)),
            new(2, FinalAnswer: "answer 1", Usage: new LlmUsage(5, 1, null)),
        };
        File.WriteAllLines(Path.Combine(run, "trajectories.jsonl"),
        [
            new TrajectoryLine(1, 1, 1, "t1", new AgentResult("answer 1", "plan", new LlmUsage(30, 6, null), cycles),
                new Judgement(true, 1, true, Rationale: "same as the gold answer", Usage: new LlmUsage(7, 2, null)), 1).Serialize(),
            new TrajectoryLine(2, 1, 1, "t2", new AgentResult("answer 2", "plan", new LlmUsage(30, 6, null)),
                Judgement.Failed(new Memento.Core.Loop.EpisodeError("timeout", "judge timed out")), null).Serialize(),
        ]);
        File.WriteAllText(Path.Combine(run, "config.yaml"),
            "name: llm\nagent:\n  kind: llm\n  planner_model: p\n  executor_model: x\njudge:\n  kind: llm\n  reward: pm\n  model: j\n");
        var logs = Path.Combine(_dir, "logs");
        await Ok(CliRunner.RunAsync("export", "inspect", run, "--out", logs, "--format", "json"));
        var log = Log(logs);
        var samples = log["samples"]!.AsArray();

        var first = samples[0]!;
        Assert.That(first["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()),
            Is.EqualTo(new[] { "user", "assistant", "user", "assistant", "tool", "assistant", "assistant" }));
        Assert.That(first["messages"]![3]!["tool_calls"]![0]!["function"]!.GetValue<string>(), Is.EqualTo("web_search"));
        Assert.That(first["messages"]![4]!["content"]!.GetValue<string>(), Is.EqualTo("result text"));
        Assert.That(first["events"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()),
            Is.EqualTo(new[] { "model", "model", "tool", "model", "model", "model" }));
        Assert.That(first["model_usage"]!["openai/p"]!["input_tokens"]!.GetValue<int>(), Is.EqualTo(10));
        Assert.That(first["model_usage"]!["openai/x"]!["input_tokens"]!.GetValue<int>(), Is.EqualTo(20));
        Assert.That(first["model_usage"]!["openai/j"]!["output_tokens"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(first["scores"]!["pm"]!["explanation"]!.GetValue<string>(), Is.EqualTo("same as the gold answer"));
        Assert.That(log["stats"]!["model_usage"]!["openai/x"]!["total_tokens"]!.GetValue<long>(), Is.EqualTo(24));
        Assert.That(log["eval"]!["model"]!.GetValue<string>(), Is.EqualTo("openai/p"));

        var second = samples[1]!;
        Assert.That(second["error"]!["message"]!.GetValue<string>(), Is.EqualTo("timeout: judge timed out"));
        Assert.That(second["scores"]!.AsObject(), Is.Empty);
        Assert.That(log["results"]!["completed_samples"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(log["status"]!.GetValue<string>(), Is.EqualTo("started"), "a folder with neither run.json nor summary.csv has not finished");
    }
}
