using System.Runtime.CompilerServices;
using Memento.Core;
using Memento.Core.Agents;
using Memento.Core.Config;
using Memento.Core.Judging;

namespace Memento.Llm;

/// <summary>Builds the LLM boxes of an experiment (<c>agent.kind: llm</c>, <c>judge.kind: llm</c>). The agent's and
/// the judge's clients of one config share one <see cref="LlmRuntime"/>: one cache file, one request gate.</summary>
public static class LlmFactory
{
    private static readonly ConditionalWeakTable<ExperimentConfig, LlmRuntime> Runtimes = new();

    public static LlmRuntime Runtime(ExperimentConfig config) =>
        Runtimes.GetValue(config, c => LlmRuntime.From(c.Cache ?? CacheConfig.Off, Settings(c)));

    public static PlannerExecutorAgent Agent(ExperimentConfig config)
    {
        var s = Settings(config);
        var runtime = Runtime(config);
        var timeout = TimeSpan.FromSeconds(s.TimeoutS);
        var planner = ChatPipeline.Build(new LlmEndpoint(s.BaseUrl, s.PlannerModel, s.ApiKeyEnv, timeout), runtime, maxContextTokens: s.MaxContextTokens);
        var executor = ChatPipeline.Build(
            new LlmEndpoint(s.BaseUrl, s.ExecutorModel, s.ApiKeyEnv, timeout), runtime, maxToolRounds: s.MaxToolCalls, maxContextTokens: s.MaxContextTokens);
        var tools = config.Tools is { Servers.Count: > 0 } t ? new McpToolbox(t, s.MaxToolResultTokens) : null;
        return new PlannerExecutorAgent(planner, executor, tools, s);
    }

    /// <summary>The LLM judge of <c>judge.kind</c>: <c>llm</c> (PM) or <c>simpleqa</c> (OpenAI's SimpleQA grader).</summary>
    /// <param name="lexical">The judge that gives EM and F1 (and, for PM, decides exact matches without a call).</param>
    public static IJudge Judge(ExperimentConfig config, IJudge lexical)
    {
        var j = config.Judge.Llm ?? throw new MementoException($"judge.kind is '{config.Judge.Kind}' but no judge settings were bound");
        var endpoint = new LlmEndpoint(j.BaseUrl ?? config.Agent.Llm?.BaseUrl, j.Model, j.ApiKeyEnv, TimeSpan.FromSeconds(j.TimeoutS));
        var client = ChatPipeline.Build(endpoint, Runtime(config));
        return config.Judge.Kind switch
        {
            "llm" => new LlmJudge(lexical, client, j.MaxRetries),
            "simpleqa" => new SimpleQaJudge(lexical, client, j.MaxRetries),
            var other => throw MementoException.BadValue("judge.kind", other, "llm or simpleqa for an LLM judge"),
        };
    }

    private static LlmAgentConfig Settings(ExperimentConfig config) =>
        config.Agent.Llm ?? throw new MementoException("agent settings for the LLM were not bound");
}
