using Memento.Llm.Loopback;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Llm;

/// <summary>An LLM run against a server that echoes the API key everywhere it can — in plans, tool-style facts,
/// answers, judge replies and error bodies: the key appears in no file of the run folder, nor in the response cache,
/// nor in anything the CLI prints.</summary>
[Category("EndToEnd")]
[NonParallelizable]
public partial class SecretRedactionTests() : ApiKeyFixture(Variable, Secret)
{
    private const string Variable = "MEMENTO_LEAK_TEST_KEY";
    // '+' and '/' because JSON writers escape '+' (\u002B): the escaped form must not leak either.
    private const string Secret = "sk-leak+check/7f3a9c0e5b1d";
    private const string Placeholder = "<" + Variable + ">";

    private static string KeyOf(LoopbackRequest r) => r.Authorization.Replace("Bearer ", "");

    /// <summary>Every reply repeats the key the request was sent with; on task 1 the judge's reply is unparseable, so
    /// it lands, key included, in the episode's judge error.</summary>
    private static LoopbackReply Echo(LoopbackRequest r)
    {
        var key = KeyOf(r);
        if (r.Model == "judge")
        {
            if (r.Has("Question number 1?")) return LoopbackReply.Text($"judge refused (key {key})");
            return LoopbackReply.Text($$"""{"rationale": "compared with key {{key}}", "judgement": "correct"}""");
        }
        var i = Number().Match(r.Messages[1]!["content"]!.ToString()).Groups[1].Value;
        if (r.Model == "executor") return LoopbackReply.Text($"FACT=answer {i} (looked up with {key});");
        var fact = Regex.Match(r.AllContent, "FACT=([^;]+);");
        return LoopbackReply.Text(fact.Success
            ? "FINAL ANSWER: " + fact.Groups[1].Value
            : $$"""{"plan":[{"id":1,"description":"Look up question {{i}} using key {{key}}"}]}""");
    }

    private string WriteConfig(string baseUrl)
    {
        var tasks = Path.Combine(Dir, "tasks.jsonl");
        File.WriteAllLines(tasks, Enumerable.Range(0, 4).Select(i => $$"""{"id":"q{{i}}","question":"Question number {{i}}?","answer":"answer {{i}}"}"""));
        var config = Path.Combine(Dir, "llm.yaml");
        File.WriteAllText(config, $"""
            name: leak-check
            dataset: {"{"}kind: jsonl, path: {tasks}{"}"}
            agent: {"{"}kind: llm, base_url: "{baseUrl}", planner_model: planner, executor_model: executor, api_key_env: {Variable}, retry_delay_s: 0.005{"}"}
            memory: {"{"}policy: similarity, k: 2{"}"}
            schedule: {"{"}iterations: 2{"}"}
            judge: {"{"}kind: llm, reward: pm, model: judge, api_key_env: {Variable}{"}"}
            cache: {"{"}path: {Path.Combine(Dir, "cache.sqlite")}{"}"}
            """);
        return config;
    }

    private static void AssertNoKey(string what, string text)
    {
        foreach (var form in new[] { Secret, JsonEncodedText.Encode(Secret).ToString(), "7f3a9c0e5b1d" })
            Assert.That(text, Does.Not.Contain(form), $"{what} holds the key ({form})");
    }

    [Test]
    public async Task The_key_echoed_in_plans_answers_and_errors_reaches_no_file_and_no_output()
    {
        using var server = new LoopbackOpenAiServer(Echo);
        var run = Path.Combine(Dir, "run");

        var (exit, stdout, err) = await CliRunner.RunAsync("run", WriteConfig(server.BaseUrl), "--out", run);

        Assert.That(exit, Is.Zero, err);
        Assert.That(server.Received, Is.Not.Empty.And.All.Matches<LoopbackRequest>(r => KeyOf(r) == Secret), "the key was sent");
        var files = Directory.EnumerateFiles(run, "*", SearchOption.AllDirectories).ToList();
        Assert.That(files.Select(Path.GetFileName), Is.SupersetOf(new[] { "config.yaml", "episodes.csv", "trajectories.jsonl", "casebank.jsonl", "summary.csv" }));
        foreach (var file in files.Append(Path.Combine(Dir, "cache.sqlite"))) AssertNoKey(file, Encoding.UTF8.GetString(File.ReadAllBytes(file)));
        AssertNoKey("stdout", stdout);
        AssertNoKey("stderr", err);
        // The echoes happened and were redacted where they were written.
        Assert.That(File.ReadAllText(Path.Combine(run, "trajectories.jsonl")), Does.Contain(Placeholder));
        Assert.That(File.ReadAllText(Path.Combine(run, "casebank.jsonl")), Does.Contain("using key " + Placeholder));
        Assert.That(File.ReadAllText(Path.Combine(run, "episodes.csv")), Does.Contain("looked up with " + Placeholder).And.Contain("judge refused"));
    }

    [Test]
    public async Task An_error_that_stops_the_run_prints_no_key()
    {
        using var server = new LoopbackOpenAiServer(r => throw new InvalidOperationException("rejected " + KeyOf(r)));
        var (exit, stdout, err) = await CliRunner.RunAsync("run", WriteConfig(server.BaseUrl), "--out", Path.Combine(Dir, "failed"));
        Assert.That(exit, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("rejected " + Placeholder));
        AssertNoKey("stderr", err);
        AssertNoKey("stdout", stdout);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Dir, "failed"), "*", SearchOption.AllDirectories))
            AssertNoKey(file, File.ReadAllText(file));
    }

    [GeneratedRegex(@"Question number (\d+)")]
    private static partial Regex Number();
}
