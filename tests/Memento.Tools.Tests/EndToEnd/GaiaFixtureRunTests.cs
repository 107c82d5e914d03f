using System.Text.Json.Nodes;
using Memento.Llm.Loopback;
using NUnit.Framework;

namespace Memento.Tools.Tests.EndToEnd;

/// <summary>
/// The paper's GAIA validation config (<c>configs/paper/gaia-validation.yaml</c>: three attempts, Pass@3, GAIA scorer)
/// on <see cref="GaiaFixture"/>, with the built-in read_file and run_python and the scripted model of
/// <see cref="GaiaWorld"/>, which uses only file names it is told. Every attachment is reached — named in the planner's
/// and the executor's prompts, found in run_python's working folder, read by read_file or computed on by run_python —
/// so every attempt is right; with the response cache on, whose tool results are keyed by the episode, the scores are
/// the same, and a read-only rerun sends no request.
/// </summary>
[Category("EndToEnd"), Category("Slow")]
public class GaiaFixtureRunTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempFolder();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static string PaperConfig => Path.Join(Programs.RepoRoot, "configs", "paper", "gaia-validation.yaml");

    private async Task<(string Run, string Out)> RunAsync(string name, string data, string llmUrl, string cacheMode)
    {
        var run = Path.Join(_temp.Path, name);
        var (exit, stdout, err) = await Programs.Memento("run", PaperConfig, "--out", run,
            "--set", $"dataset.path={data}", "--set", $"agent.base_url={llmUrl}", "--set", "agent.api_key_env=null",
            "--set", "agent.planner_model=planner", "--set", "agent.executor_model=executor", "--set", "agent.retry_delay_s=0.01",
            "--set", "tools.builtin=[read_file, run_python]",
            "--set", $"cache.path={Path.Join(_temp.Path, "cache.sqlite")}", "--set", $"cache.mode={cacheMode}");
        Assert.That(exit, Is.Zero, err);
        return (run, err + stdout);
    }

    private static List<string[]> Episodes(string run, out string[] header)
    {
        var lines = File.ReadAllLines(Path.Join(run, "episodes.csv"));
        header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).ToList();
    }

    /// <summary>task, iteration, attempt and em of every episode, in order.</summary>
    private static string[] Scores(string run)
    {
        var rows = Episodes(run, out var h);
        return rows.Select(r => string.Join(' ', new[] { "task_id", "iteration", "attempt", "em" }.Select(c => r[Array.IndexOf(h, c)]))).ToArray();
    }

    [Test]
    public async Task A_model_told_only_the_attachment_names_reaches_every_attachment_with_the_cache_off_and_on()
    {
        var data = GaiaFixture.Write(_temp.Sub("validation"));
        using var llm = new LoopbackOpenAiServer(GaiaWorld.Reply);

        var (off, printed) = await RunAsync("cache-off", data, llm.BaseUrl, "off");
        TestContext.Out.WriteLine(printed);
        var items = GaiaFixture.Items;
        var rows = Episodes(off, out var header);
        Assert.That(rows, Has.Count.EqualTo(items.Count * 3));
        Assert.That(rows.Select(r => r[Array.IndexOf(header, "em")]), Is.All.EqualTo("1"), string.Join("\n", rows.Select(r => string.Join(',', r))));

        // The planner and the executor are told the attachment's name in every request of its task, and nothing else's.
        foreach (var item in items)
        {
            var requests = llm.Received.Where(r => r.Messages[1]!["content"]!.ToString() is var task
                && (task.StartsWith(item.Question, StringComparison.Ordinal) || task.StartsWith("Overall question: " + item.Question, StringComparison.Ordinal))).ToList();
            Assert.That(requests.Select(r => r.Model).Distinct().Order(), Is.EqualTo(new[] { "executor", "planner" }), item.Id);
            if (item.FileName.Length > 0)
                Assert.That(requests, Has.All.Matches<LoopbackRequest>(r => r.Has($"Attached file: {item.FileName} ({item.Extension[1..].ToUpperInvariant()}, ")), item.Id);
            else
                Assert.That(requests, Has.None.Matches<LoopbackRequest>(r => r.Has("Attached file")), item.Id);
            foreach (var other in items.Where(o => o != item && o.FileName.Length > 0))
                Assert.That(requests, Has.None.Matches<LoopbackRequest>(r => r.Has(other.Id)), $"{item.Id} is told about {other.Id}");
        }

        // run_python found each attachment in its working folder; read_file or run_python read it.
        var trajectories = File.ReadAllLines(Path.Join(off, "trajectories.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        foreach (var item in items.Where(i => i.FileName.Length > 0))
        {
            var calls = trajectories.Where(t => t["task_id"]!.ToString() == item.Id)
                .Select(t => t["agent"]!["cycles"]![0]!["subtasks"]![0]!["tool_calls"]!.AsArray()).ToList();
            Assert.That(calls, Has.Count.EqualTo(3));
            foreach (var episode in calls)
            {
                Assert.That(episode[0]!["result"]!.ToString(), Does.Contain($"FILES={item.FileName};"), item.Id);
                Assert.That(episode[1]!["name"]!.ToString(), Is.EqualTo(item.Question.Contains("total") ? "run_python" : "read_file"), item.Id);
            }
        }

        // Pass@k by level lists each level once; the submission's trace holds the plan, the subtask's result and the answer.
        var groups = File.ReadAllLines(Path.Join(off, "passk.csv")).Skip(1).Select(l => l.Split(',')[1]).Distinct().Order().ToArray();
        Assert.That(groups, Is.EqualTo(new[] { "L1", "L2", "L3", "all", "mean-of-sources" }));
        var submission = File.ReadAllLines(Path.Join(off, "submission.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That(submission.Select(s => s["task_id"]!.ToString()), Is.EqualTo(items.Select(i => i.Id)));
        foreach (var (row, item) in submission.Zip(items))
            Assert.That(row["reasoning_trace"]!.ToString(), Does.StartWith("Cycle 1 plan:\n1. Answer the question").And.Contain("\n   result: FACT=")
                .And.EndWith("\n\nFinal answer: " + item.Answer), item.Id);

        // The cache on (tool results keyed by the episode) gives the same scores; its read-only rerun sends nothing.
        var (on, _) = await RunAsync("cache-on", data, llm.BaseUrl, "read-write");
        Assert.That(Scores(on), Is.EqualTo(Scores(off)));
        var sent = llm.Requests;
        var (replayed, _) = await RunAsync("read-only", data, llm.BaseUrl, "read-only");
        Assert.That(Scores(replayed), Is.EqualTo(Scores(off)));
        Assert.That(llm.Requests, Is.EqualTo(sent), "every response from the cache");
    }
}
