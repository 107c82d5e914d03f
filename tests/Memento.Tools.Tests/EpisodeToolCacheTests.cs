using Memento.Cli.Running;
using Memento.Core.Agents;
using Memento.Core.Config;
using Memento.Core.Tasks;
using Memento.Llm;
using Memento.Tools.Adapters;
using Memento.Tools.Builtin;
using Microsoft.Extensions.AI;
using NUnit.Framework;

namespace Memento.Tools.Tests;

/// <summary>
/// The tool-result cache and the episode's files (issue #22, item 4): read_file and run_python answer the same arguments
/// differently in another task's folder, so their cached results are keyed by the episode (task, iteration, attempt,
/// seed); a tool that never sees the episode's files (calculate) keeps one entry for all episodes, as before.
/// </summary>
public class EpisodeToolCacheTests
{
    private const string ListCode = "import os; print(sorted(f for f in os.listdir('.') if f != 'tmp'))";

    private TempFolder _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempFolder();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private QaTask Task(string id, string file, string text)
    {
        var folder = _temp.Sub("data-" + id);
        File.WriteAllText(Path.Join(folder, file), text);
        return new QaTask(id, "What does the attached file say?", ["x"], "s", Attachments: [Path.Join(folder, file)]);
    }

    private static AgentRequest Episode(QaTask task, int iteration = 1, int attempt = 1) => new(task, [], attempt, new Random(1), iteration);

    /// <summary>The run's tool stack for one cache file: built-in tools in process, wrapped in the tool-result cache.</summary>
    private (CachedTools Tools, BuiltinToolbox Box) Stack(SqliteResponseCache cache, int seed)
    {
        var config = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse("tools: {builtin: [read_file, run_python, calculate]}", "test.yaml")).Config.Tools!;
        var box = BuiltinToolbox.For(config, _temp.Sub("run-" + seed), resultTokenBudget: 4000)!;
        return (new CachedTools(box, cache, seed), box);
    }

    private static async Task<string> Call(CachedTools tools, AgentRequest episode, string name, object arguments)
    {
        var tool = (await tools.GetToolsAsync(episode, CancellationToken.None)).OfType<AIFunction>().Single(t => t.Name == name);
        var args = new AIFunctionArguments(System.Text.Json.JsonSerializer.SerializeToElement(arguments).EnumerateObject()
            .ToDictionary(p => p.Name, p => (object?)p.Value));
        return (await tool.InvokeAsync(args, CancellationToken.None))?.ToString() ?? "";
    }

    [Test]
    public async Task Two_tasks_listing_and_running_code_with_identical_arguments_each_see_their_own_folder()
    {
        using var cache = new SqliteResponseCache(Path.Join(_temp.Path, "cache.sqlite"), readOnly: false);
        var (tools, box) = Stack(cache, seed: 1);
        using var _ = box;
        var a = Task("a", "alpha.csv", "n\n1\n");
        var b = Task("b", "beta.txt", "beta");

        Assert.That(await Call(tools, Episode(a), "read_file", new { path = "." }), Does.Contain("alpha.csv").And.Not.Contain("beta.txt"));
        Assert.That(await Call(tools, Episode(b), "read_file", new { path = "." }), Does.Contain("beta.txt").And.Not.Contain("alpha.csv"));
        Assert.That(await Call(tools, Episode(a), "run_python", new { code = ListCode }), Does.Contain("['alpha.csv']"));
        Assert.That(await Call(tools, Episode(b), "run_python", new { code = ListCode }), Does.Contain("['beta.txt']"));

        // Another iteration, attempt or seed of the same task is another scope: its own entry, not the first one's.
        var entries = cache.Count;
        await Call(tools, Episode(a, iteration: 2), "read_file", new { path = "." });
        await Call(tools, Episode(a, attempt: 2), "read_file", new { path = "." });
        var (otherSeed, otherBox) = Stack(cache, seed: 2);
        using (otherBox) await Call(otherSeed, Episode(a), "read_file", new { path = "." });
        Assert.That(cache.Count, Is.EqualTo(entries + 3), "three new scopes, three new entries (called outside a function-invocation loop, no fields rows)");

        // The same scope again replays its entry; a tool that never sees the episode's files shares one entry.
        entries = cache.Count;
        File.WriteAllText(Path.Join(box.Episodes is EpisodeScopes scopes ? scopes.Root : "", "b-i1-a1", "attachments", "later.txt"), "x");
        Assert.That(await Call(tools, Episode(b), "read_file", new { path = "." }), Does.Not.Contain("later.txt"), "served from the cache");
        Assert.That(await Call(tools, Episode(a), "calculate", new { expression = "6*7" }), Does.Contain("42"));
        Assert.That(await Call(tools, Episode(b), "calculate", new { expression = "6*7" }), Does.Contain("42"));
        Assert.That(cache.Count, Is.EqualTo(entries + 1), "read_file replayed; calculate stored once for both tasks");
    }
}
