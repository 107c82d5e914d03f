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

    /// <param name="lexical">The judge that gives EM and F1 (and decides exact matches without a call).</param>
    public static LlmJudge Judge(ExperimentConfig config, IJudge lexical)
    {
        var j = config.Judge.Llm ?? throw new MementoException("judge.kind is 'llm' but no judge settings were bound");
        var endpoint = new LlmEndpoint(j.BaseUrl ?? config.Agent.Llm?.BaseUrl, j.Model, j.ApiKeyEnv, TimeSpan.FromSeconds(j.TimeoutS));
        return new LlmJudge(lexical, ChatPipeline.Build(endpoint, Runtime(config)), j.MaxRetries);
    }

    private static LlmAgentConfig Settings(ExperimentConfig config) =>
        config.Agent.Llm ?? throw new MementoException("agent settings for the LLM were not bound");
}
