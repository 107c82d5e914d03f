using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Judging;

namespace Memento.Llm;

/// <summary>Builds the LLM boxes of an experiment (<c>agent.kind: llm</c>, <c>judge.kind: llm</c> or <c>simpleqa</c>). The agent's and
/// the judge's clients of one run share one <see cref="LlmRuntime"/> (one cache file, one request gate), which the
/// caller owns and disposes after them.</summary>
public static class LlmFactory
{
    /// <summary>The run's shared runtime, or null when nothing of the run talks to an LLM or an embeddings endpoint, or
    /// keeps vectors in the cache file.</summary>
    public static LlmRuntime? RuntimeFor(ExperimentConfig config) =>
        config.Agent.Kind == "llm" || config.Judge.UsesLlm || config.Memory.Encoder.Kind == "openai"
        || (config.Memory.Encoder.Kind == "onnx" && config.Cache is { Path: not null, Mode: not "off" })
            ? LlmRuntime.From(config.Cache ?? CacheConfig.Off, Settings(config))
            : null;

    /// <summary>The <c>openai</c> encoder: the run's embeddings endpoint through <see cref="EmbeddingPipeline"/>.</summary>
    public static OpenAiTextEncoder Encoder(EncoderConfig encoder, LlmRuntime runtime)
    {
        var endpoint = new LlmEndpoint(encoder.BaseUrl, encoder.ApiModel, encoder.ApiKeyEnv, TimeSpan.FromSeconds(encoder.TimeoutS));
        return new OpenAiTextEncoder(EmbeddingPipeline.Build(endpoint, encoder.Dimensions, runtime), encoder.ApiModel, encoder.BatchSize, encoder.Dimensions);
    }

    public static PlannerExecutorAgent Agent(ExperimentConfig config, LlmRuntime runtime)
    {
        var s = Settings(config);
        var timeout = TimeSpan.FromSeconds(s.TimeoutS);
        var planner = ChatPipeline.Build(new LlmEndpoint(s.BaseUrl, s.PlannerModel, s.ApiKeyEnv, timeout), runtime, maxContextTokens: s.MaxContextTokens);
        var executor = ChatPipeline.Build(
            new LlmEndpoint(s.BaseUrl, s.ExecutorModel, s.ApiKeyEnv, timeout), runtime, maxToolRounds: s.MaxToolCalls, maxContextTokens: s.MaxContextTokens);
        IToolProvider? tools = config.Tools is { Servers.Count: > 0 } t ? new McpToolbox(t, s.MaxToolResultTokens) : null;
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
