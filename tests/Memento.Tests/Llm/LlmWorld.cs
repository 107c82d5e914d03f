using Memento.Llm.Loopback;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Memento.Core.Config;
using Memento.Llm;
using Microsoft.Extensions.AI;
using Memento.Core.Plugins;

namespace Memento.Tests.Llm;

/// <summary>
/// A scripted world for the fake server, over the fake tasks "Question number i?" (gold "answer i"):
/// the planner plans one lookup, the executor calls the <c>lookup</c> tool (or answers directly without tools),
/// the planner answers from the result; the judge rules "correct" when the prediction contains the gold.
/// </summary>
internal static partial class LlmWorld
{
    public static LoopbackReply Reply(LoopbackRequest r) => r.Model switch
    {
        "planner" => Planner(r),
        "executor" => Executor(r),
        "judge" => Judge(r),
        var m => throw new InvalidOperationException("unknown model " + m),
    };

    public static string PlanFor(int i) => $$"""{"plan":[{"id":1,"description":"Look up question {{i}} in the knowledge base"}]}""";

    private static LoopbackReply Planner(LoopbackRequest r)
    {
        var i = Number().Match(r.Messages[1]!["content"]!.ToString()).Groups[1].Value;
        if (r.LastContent.Contains("FINAL ANSWER: <answer>")) return LoopbackReply.Text("FINAL ANSWER: gave up");
        var fact = Fact().Match(r.AllContent);
        return fact.Success ? LoopbackReply.Text("FINAL ANSWER: " + fact.Groups[1].Value) : LoopbackReply.Text("```json\n" + PlanFor(int.Parse(i)) + "\n```");
    }

    private static LoopbackReply Executor(LoopbackRequest r)
    {
        if (r.LastRole == "tool") return LoopbackReply.Text("Found it: " + r.LastContent);
        var i = Regex.Match(r.LastContent, @"Look up question (\d+)").Groups[1].Value;
        return r.HasTools ? LoopbackReply.Call("lookup", $$"""{"key":"q{{i}}"}""") : LoopbackReply.Text($"FACT=answer {i};");
    }

    private static LoopbackReply Judge(LoopbackRequest r)
    {
        var content = r.LastContent;
        var gold = JsonNode.Parse(Regex.Match(content, @"ground truth answers: (\[.*\])").Groups[1].Value)!.AsArray().Select(g => g!.ToString());
        var pred = Regex.Match(content, @"pred_answer: (.*)").Groups[1].Value.Trim();
        var correct = gold.Any(g => pred.Contains(g, StringComparison.OrdinalIgnoreCase));
        return LoopbackReply.Text($$"""{"rationale": "compared", "judgement": "{{(correct ? "correct" : "incorrect")}}"}""");
    }

    public static AIFunction LookupTool() =>
        AIFunctionFactory.Create((string key) => $"FACT=answer {key[1..]}; source: fixture kb", "lookup", "Looks a question up in the knowledge base");

    public static LlmAgentConfig Settings(string baseUrl, int maxCycles = 3, int maxToolCalls = 4) =>
        new(baseUrl, "planner", "executor", "MEMENTO_TEST_KEY", maxCycles, maxToolCalls, 0, 30, 64000, 200, 6, 16, 0, 0.01);

    public static LlmRuntime Runtime(string? cachePath = null, string mode = "read-write", int maxConcurrency = 16) => new(
        mode == "off" || cachePath is null ? null : new SqliteResponseCache(cachePath, mode == "read-only"),
        new RequestGate(maxConcurrency, 0), maxRetries: 6, retryBaseDelay: TimeSpan.FromMilliseconds(5));

    public static PlannerExecutorAgent Agent(LlmAgentConfig s, LlmRuntime runtime, IToolProvider? tools, PriceList? prices = null)
    {
        var timeout = TimeSpan.FromSeconds(s.TimeoutS);
        return new PlannerExecutorAgent(
            ChatPipeline.Build(new LlmEndpoint(s.BaseUrl, s.PlannerModel, s.ApiKeyEnv, timeout), runtime, maxContextTokens: s.MaxContextTokens),
            ChatPipeline.Build(new LlmEndpoint(s.BaseUrl, s.ExecutorModel, s.ApiKeyEnv, timeout), runtime, s.MaxToolCalls, s.MaxContextTokens),
            tools, s, prices);
    }

    /// <summary>A run config over <paramref name="tasks"/> tasks "Question number i?" (sources s0, s1) against the loopback
    /// server, judged by the LLM judge, written into <paramref name="dir"/>; <paramref name="agentExtra"/> adds agent keys
    /// (", key: value"), <paramref name="extra"/> top-level YAML.</summary>
    public static string WriteConfig(string dir, string name, string baseUrl, string agentExtra = "", string extra = "", int tasks = 6)
    {
        var tasksPath = Path.Combine(dir, $"{name}.jsonl");
        File.WriteAllLines(tasksPath, Enumerable.Range(0, tasks).Select(i => $$"""{"id":"q{{i}}","question":"Question number {{i}}?","answer":"answer {{i}}","source":"s{{i % 2}}"}"""));
        var config = Path.Combine(dir, name + ".yaml");
        File.WriteAllText(config, $$"""
            name: {{name}}
            seed: 3
            dataset: {kind: jsonl, path: {{tasksPath}}}
            agent: {kind: llm, base_url: "{{baseUrl}}", planner_model: planner, executor_model: executor, api_key_env: null, retry_delay_s: 0.005{{agentExtra}}}
            memory: {policy: similarity, k: 2}
            judge: {kind: llm, reward: pm, model: judge}
            """ + "\n" + extra);
        return config;
    }

    [GeneratedRegex(@"Question number (\d+)")]
    private static partial Regex Number();

    [GeneratedRegex(@"FACT=([^;]+);")]
    private static partial Regex Fact();
}
