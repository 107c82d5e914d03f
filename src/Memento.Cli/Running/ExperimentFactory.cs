using Memento.Core;
using Memento.Core.Agents;
using Memento.Core.Config;
using Memento.Core.Judging;
using Memento.Core.Loop;
using Memento.Core.Memory;
using Memento.Core.Plugins;
using Memento.Core.Replay;
using Memento.Core.Tasks;
using Memento.Core.Text;
using Memento.Llm;
using Memento.Tools.Adapters;
using Memento.Tools.Builtin;
using Memento.Tools.Text;

namespace Memento.Cli.Running;

/// <summary>The composition root: builds each box of the episode data flow (docs/design.md §3) from the kinds the config
/// names, through the registry (<see cref="Plugins"/>).</summary>
internal static class ExperimentFactory
{
    /// <param name="services">What the policy's encoder may need: the run's <see cref="LlmRuntime"/> (an <c>openai</c>
    /// encoder; a cache file for local encoders' vectors), an <see cref="EncodingProgress"/>, or a ready encoder.</param>
    public static IReadPolicy Policy(ExperimentConfig config, IReadOnlyList<QaTask> tasks, params IReadOnlyList<object?> services) =>
        Plugins.All.Policies.Get(config.Memory.Policy).Create(new PluginContext(config, tasks, Plugins.All, services));

    /// <summary>The encoder <c>memory.encoder</c> names, as a run builds it (<see cref="PluginContext.Encoder"/>).</summary>
    public static ITextEncoder Encoder(ExperimentConfig config, IReadOnlyList<QaTask> tasks, LlmRuntime? runtime = null) =>
        Context(config, tasks, runtime).Encoder();

    /// <summary>The run's agent and judge, sharing one LLM runtime when either talks to an LLM; dispose it when the run
    /// ends (it stops MCP tool servers and closes the response cache).</summary>
    /// <param name="runFolder">Where the run writes; built-in tools keep each episode's workspace under it.</param>
    /// <param name="shared">A sweep's cache and request gates, shared by its points; null: the run's own.</param>
    public static AgentAndJudge AgentAndJudge(ExperimentConfig config, IReadOnlyList<QaTask> tasks, string? runFolder = null, SharedLlmResources? shared = null)
    {
        var runtime = LlmFactory.RuntimeFor(config, shared);
        IAgent? agent = null;
        BuiltinToolbox? builtin = null;
        try
        {
            builtin = Builtin(config, runFolder, runtime);
            var context = Context(config, tasks, runtime, builtin);
            agent = Plugins.All.Agents.Get(config.Agent.Kind).Create(context);
            return new AgentAndJudge(agent, Plugins.All.Judges.Get(config.Judge.Kind).Create(context), runtime, builtin?.Episodes);
        }
        catch
        {
            if (agent is null) builtin?.Dispose();
            Disposables.DisposeAsync(agent).AsTask().GetAwaiter().GetResult();
            runtime?.Dispose();
            throw;
        }
    }

    /// <param name="runtime">The run's LLM runtime (<see cref="LlmFactory.RuntimeFor"/>); needed by <c>kind: llm</c>.</param>
    public static IAgent Agent(ExperimentConfig config, IReadOnlyList<QaTask> tasks, LlmRuntime? runtime = null) =>
        Plugins.All.Agents.Get(config.Agent.Kind).Create(Context(config, tasks, runtime));

    private static PluginContext Context(ExperimentConfig config, IReadOnlyList<QaTask> tasks, LlmRuntime? runtime = null, IToolProvider? builtin = null) =>
        new(config, tasks, Plugins.All, runtime, builtin);

    /// <summary>The built-in tools of <c>tools.builtin</c> for the LLM agent (which then owns them), or null.</summary>
    private static BuiltinToolbox? Builtin(ExperimentConfig config, string? runFolder, LlmRuntime? runtime) =>
        config.Agent.Kind == LlmPlugins.Agent.Name && config.Tools is { } tools
            ? BuiltinToolbox.For(tools, runFolder, config.Agent.Settings.Get<LlmAgentConfig>().MaxToolResultTokens, ToolServices(config, runtime))
            : null;

    /// <summary>What the built-in tools get from the run: a ranker on <c>memory.encoder</c> when it is a neural one
    /// (built on first use, without encoding the run's questions; TF-IDF fitted on the candidates otherwise), the LLM
    /// runtime and the agent's endpoint (read_file's image and audio models inherit its base_url and key variable).</summary>
    public static ToolServices ToolServices(ExperimentConfig config, LlmRuntime? runtime)
    {
        var ranker = config.Memory.Encoder == HashedTfIdfEncoder.Plugin.Name
            ? TextRanker.TfIdf
            : TextRanker.With(new Lazy<ITextEncoder>(() => Context(config, [], runtime).Encoder()));
        var agent = config.Agent.Settings.Get<LlmAgentConfig>();
        return new ToolServices(ranker, runtime, new LlmEndpoint(agent.BaseUrl, agent.ExecutorModel, agent.ApiKeyEnv, TimeSpan.FromSeconds(agent.TimeoutS)));
    }
}

/// <summary>The agent and judge of one run and the LLM runtime they share. Disposing releases them in that order: the
/// agent (its MCP tool server processes end, built-in tools' folders are cleaned up), the judge, then the runtime (the
/// response cache file is closed).</summary>
internal sealed class AgentAndJudge(IAgent agent, IJudge judge, LlmRuntime? runtime, IEpisodeSink? toolEpisodes = null) : IAsyncDisposable
{
    public IAgent Agent { get; } = agent;
    public IJudge Judge { get; } = judge;

    /// <summary>Told of every finished episode: the built-in tools keep or remove its folder (<c>tools.workspace.cleanup</c>);
    /// null when no tool has per-episode folders.</summary>
    public IEpisodeSink? ToolEpisodes { get; } = toolEpisodes;

    /// <summary>The run's LLM runtime (cache file, request gate), which the encoder shares.</summary>
    public LlmRuntime? Runtime => runtime;

    public async ValueTask DisposeAsync()
    {
        await Disposables.DisposeAsync(Agent);
        await Disposables.DisposeAsync(Judge);
        Runtime?.Dispose();
    }
}
