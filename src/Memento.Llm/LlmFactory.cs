using Microsoft.Extensions.AI;
using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Judging;
using Memento.Core.Text;
using Memento.Core.Plugins;

namespace Memento.Llm;

/// <summary>Builds the LLM boxes of an experiment (<c>agent.kind: llm</c>, <c>judge.kind: llm</c> or <c>simpleqa</c>). The agent's and
/// the judge's clients of one run share one <see cref="LlmRuntime"/> (one cache file, one request gate), which the
/// caller owns and disposes after them.</summary>
public static class LlmFactory
{
    /// <summary>The run's shared runtime, or null when nothing of the run talks to an LLM or an embeddings endpoint, or
    /// keeps vectors in the cache file.</summary>
    /// <param name="shared">A sweep's shared cache and request gates (<c>sweep --jobs</c>); null: the run's own.</param>
    public static LlmRuntime? RuntimeFor(ExperimentConfig config, SharedLlmResources? shared = null) =>
        config.Agent.Kind == LlmPlugins.Agent.Name || config.Judge.UsesLlm || config.Memory.Encoder == LlmPlugins.Encoder.Name
        || (config.Memory.Encoder != HashedTfIdfEncoder.Plugin.Name && config.Cache is { Path: not null, Mode: not "off" })
            ? LlmRuntime.From(config.Cache ?? CacheConfig.Off, Settings(config), shared: shared)
            : null;

    /// <summary>The <c>openai</c> encoder: the run's embeddings endpoint through <see cref="EmbeddingPipeline"/>.</summary>
    public static OpenAiTextEncoder Encoder(OpenAiEncoderSettings s, LlmRuntime runtime) =>
        new(EmbeddingPipeline.Build(s.Endpoint, s.RequestedDimensions, runtime), s.Model, s.BatchSize, s.RequestedDimensions);

    /// <param name="builtin">The built-in tools (<c>tools.builtin</c>), offered before the MCP servers' tools.</param>
    public static PlannerExecutorAgent Agent(ExperimentConfig config, LlmRuntime runtime, IToolProvider? builtin = null)
    {
        var s = Settings(config);
        var planner = ChatPipeline.Build(AgentEndpoint(s, s.PlannerModel), runtime, maxContextTokens: s.MaxContextTokens);
        var executor = ChatPipeline.Build(AgentEndpoint(s, s.ExecutorModel), runtime, maxToolRounds: s.MaxToolCalls, maxContextTokens: s.MaxContextTokens);
        List<IToolProvider> providers = builtin is null ? [] : [builtin];
        if (config.Tools is { Servers.Count: > 0 } t) providers.Add(new McpToolbox(t, s.MaxToolResultTokens));
        IToolProvider? tools = providers.Count switch { 0 => null, 1 => providers[0], _ => new CombinedTools(providers) };
        if (tools is not null && runtime.Cache is { } cache) tools = new CachedTools(tools, cache, config.Seed);
        return new PlannerExecutorAgent(planner, executor, tools, s, Prices(config));
    }

    /// <summary>Refuses at start what the agent would otherwise get wrong silently: image questions for models not
    /// declared to take images (<c>agent.images</c>), and a memory policy for an executor-only mode, which has no planner
    /// to show the cases to.</summary>
    public static void CheckTasks(ExperimentConfig config, IReadOnlyList<Core.Tasks.QaTask> tasks)
    {
        var s = Settings(config);
        var withImage = tasks.Where(t => t.Image is not null).ToList();
        if (!s.Images && withImage.Count > 0)
            throw new MementoException(
                $"dataset: {withImage.Count} of {tasks.Count} questions come with an image (first: {withImage[0].Id}) but agent.images is false; " +
                "set agent.images: true if the planner and executor models take images, or dataset.text_only: true to leave those questions out");
        if (s.ExecutorOnly && config.Memory.Policy != Core.Memory.Policies.NoMemoryPolicy.Plugin.Name)
            throw MementoException.BadValue("memory.policy", config.Memory.Policy,
                $"none with agent.mode '{s.Mode}' (the executor answers alone: there is no planner to read cases)");
    }

    /// <summary>An LLM judge (<c>judge.kind</c> <c>llm</c> or <c>simpleqa</c>) on the judge's own endpoint, retries and
    /// price, built by <paramref name="create"/> from (lexical judge, client, verdict retries, meter).</summary>
    /// <param name="lexical">The judge that gives EM and F1 (and, for PM, decides exact matches without a call).</param>
    public static IJudge Judge(
        ExperimentConfig config, IJudge lexical, LlmRuntime runtime, Func<IJudge, IChatClient, int, ModelMeter, IJudge> create)
    {
        var j = config.Judge.Settings.Get<LlmJudgeConfig>();
        var client = ChatPipeline.Build(JudgeEndpoint(config), runtime, retries: new RetrySettings(j.HttpRetries, TimeSpan.FromSeconds(j.RetryDelayS)), box: LlmRuntime.Judge);
        return create(lexical, client, j.MaxRetries, Prices(config).For(j.Model));
    }

    /// <summary>The endpoints <c>agent.kind: llm</c> calls: the planner's and the executor's.</summary>
    public static IReadOnlyList<PluginEndpoint> AgentEndpoints(ExperimentConfig config)
    {
        var s = Settings(config);
        return [new("planner", AgentEndpoint(s, s.PlannerModel)), new("executor", AgentEndpoint(s, s.ExecutorModel))];
    }

    /// <summary>The endpoint an LLM judge calls.</summary>
    public static IReadOnlyList<PluginEndpoint> JudgeEndpoints(ExperimentConfig config) => [new("judge", JudgeEndpoint(config))];

    private static LlmEndpoint AgentEndpoint(LlmAgentConfig s, string model) => new(s.BaseUrl, model, s.ApiKeyEnv, TimeSpan.FromSeconds(s.TimeoutS));

    /// <summary>The judge's endpoint: each of base_url and api_key_env it leaves unset is the agent's, so a judge that
    /// sets neither uses the agent's server with the agent's key.</summary>
    private static LlmEndpoint JudgeEndpoint(ExperimentConfig config)
    {
        var j = config.Judge.Settings.Get<LlmJudgeConfig>();
        var agent = Settings(config);
        return new LlmEndpoint(j.BaseUrl ?? agent.BaseUrl, j.Model, j.KeyFromAgent ? agent.ApiKeyEnv : j.ApiKeyEnv, TimeSpan.FromSeconds(j.TimeoutS));
    }

    public static PriceList Prices(ExperimentConfig config) => new(config.Prices);

    private static LlmAgentConfig Settings(ExperimentConfig config) => config.Agent.Settings.Get<LlmAgentConfig>();
}
