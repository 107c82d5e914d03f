using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Judging;

namespace Memento.Llm;

/// <summary>Builds the LLM boxes of an experiment (<c>agent.kind: llm</c>, <c>judge.kind: llm</c> or <c>simpleqa</c>). The agent's and
/// the judge's clients of one run share one <see cref="LlmRuntime"/> (one cache file, one request gate), which the
/// caller owns and disposes after them.</summary>
public static class LlmFactory
{
    /// <summary>The run's shared runtime, or null when neither box talks to an LLM.</summary>
    public static LlmRuntime? RuntimeFor(ExperimentConfig config) =>
        config.Agent.Kind == "llm" || config.Judge.UsesLlm
            ? LlmRuntime.From(config.Cache ?? CacheConfig.Off, Settings(config))
            : null;

    /// <param name="builtin">The built-in tools (<c>tools.builtin</c>), offered before the MCP servers' tools.</param>
    public static PlannerExecutorAgent Agent(ExperimentConfig config, LlmRuntime runtime, IToolProvider? builtin = null)
    {
        var s = Settings(config);
        var timeout = TimeSpan.FromSeconds(s.TimeoutS);
        var planner = ChatPipeline.Build(new LlmEndpoint(s.BaseUrl, s.PlannerModel, s.ApiKeyEnv, timeout), runtime, maxContextTokens: s.MaxContextTokens);
        var executor = ChatPipeline.Build(
            new LlmEndpoint(s.BaseUrl, s.ExecutorModel, s.ApiKeyEnv, timeout), runtime, maxToolRounds: s.MaxToolCalls, maxContextTokens: s.MaxContextTokens);
        List<IToolProvider> providers = builtin is null ? [] : [builtin];
        if (config.Tools is { Servers.Count: > 0 } t) providers.Add(new McpToolbox(t, s.MaxToolResultTokens));
        IToolProvider? tools = providers.Count switch { 0 => null, 1 => providers[0], _ => new CombinedTools(providers) };
        if (tools is not null && runtime.Cache is { } cache) tools = new CachedTools(tools, cache);
        return new PlannerExecutorAgent(planner, executor, tools, s, Prices(config));
    }

    /// <summary>The LLM judge of <c>judge.kind</c>: <c>llm</c> (PM) or <c>simpleqa</c> (the SimpleQA grader).</summary>
    /// <param name="lexical">The judge that gives EM and F1 (and, for PM, decides exact matches without a call).</param>
    public static IJudge Judge(ExperimentConfig config, IJudge lexical, LlmRuntime runtime)
    {
        var j = config.Judge.Llm ?? throw new MementoException($"judge.kind is '{config.Judge.Kind}' but no judge settings were bound");
        var endpoint = new LlmEndpoint(j.BaseUrl ?? config.Agent.Llm?.BaseUrl, j.Model, j.ApiKeyEnv, TimeSpan.FromSeconds(j.TimeoutS));
        var client = ChatPipeline.Build(endpoint, runtime);
        var meter = Prices(config).For(j.Model);
        return config.Judge.Kind switch
        {
            "llm" => new LlmJudge(lexical, client, j.MaxRetries, meter),
            "simpleqa" => new SimpleQaJudge(lexical, client, j.MaxRetries, meter),
            var other => throw MementoException.BadValue("judge.kind", other, "llm or simpleqa for an LLM judge"),
        };
    }

    public static PriceList Prices(ExperimentConfig config) => new(config.Prices, config.Cache?.ChargeHits ?? false);

    /// <summary>The models the config's agent and judge call, in config order.</summary>
    public static IReadOnlyList<string> ModelsInUse(ExperimentConfig config)
    {
        var models = new List<string>();
        if (config.Agent is { Kind: "llm", Llm: { } a }) models.AddRange([a.PlannerModel, a.ExecutorModel]);
        if (config.Judge is { UsesLlm: true, Llm: { } j }) models.Add(j.Model);
        return models.Distinct().ToList();
    }

    private static LlmAgentConfig Settings(ExperimentConfig config) =>
        config.Agent.Llm ?? throw new MementoException("agent settings for the LLM were not bound");
}
