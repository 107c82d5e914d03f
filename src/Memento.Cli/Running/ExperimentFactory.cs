using Memento.Core;
using Memento.Core.Agents;
using Memento.Core.Agents.Replay;
using Memento.Core.Agents.Simulator;
using Memento.Core.Config;
using Memento.Core.Judging;
using Memento.Core.Memory;
using Memento.Core.Memory.Policies;
using Memento.Core.Tasks;
using Memento.Core.Text;
using Memento.Learning;
using Memento.Llm;
using Memento.Tools.Adapters;

namespace Memento.Cli.Running;

/// <summary>The composition root: picks each box of the episode data flow (design.md §3) by config.</summary>
public static class ExperimentFactory
{
    public static IReadPolicy Policy(ExperimentConfig config, IReadOnlyList<QaTask> tasks) => config.Memory.Policy switch
    {
        "none" => new NoMemoryPolicy(),
        "random" => new RandomPolicy(),
        "similarity" => new SimilarityPolicy(Encoder(config, tasks)),
        "qnet" => new QNetPolicy(config.Memory.QNet, config.Seed, Encoder(config, tasks)),
        "kernel" => new KernelEpisodicPolicy(config.Memory.Kernel, config.Seed, Encoder(config, tasks), config.Memory.Kernel.Shortlist, config.Memory.Kernel.Temperature),
        var other => throw MementoException.BadValue("memory.policy", other, "one of " + string.Join(" | ", ExperimentConfig.Policies)),
    };

    /// <summary>The run's agent and judge, sharing one LLM runtime when either talks to an LLM; dispose it when the run
    /// ends (it stops MCP tool servers and closes the response cache).</summary>
    /// <param name="runFolder">Where the run writes; built-in tools keep each episode's workspace under it.</param>
    public static AgentAndJudge AgentAndJudge(ExperimentConfig config, IReadOnlyList<QaTask> tasks, string? runFolder = null)
    {
        var runtime = LlmFactory.RuntimeFor(config);
        IAgent? agent = null;
        try
        {
            agent = Agent(config, tasks, runtime, runFolder);
            return new AgentAndJudge(agent, Judge(config, runtime), runtime);
        }
        catch
        {
            Disposables.DisposeAsync(agent).AsTask().GetAwaiter().GetResult();
            runtime?.Dispose();
            throw;
        }
    }

    /// <param name="runtime">The run's LLM runtime (<see cref="LlmFactory.RuntimeFor"/>); needed by <c>kind: llm</c>.</param>
    public static IAgent Agent(ExperimentConfig config, IReadOnlyList<QaTask> tasks, LlmRuntime? runtime = null, string? runFolder = null) => config.Agent.Kind switch
    {
        "sim" => new SimulatedAgent(config.Agent.Sim, tasks),
        "llm" => LlmFactory.Agent(
            config,
            runtime ?? throw new ArgumentNullException(nameof(runtime), "an LLM agent needs the run's LLM runtime"),
            BuiltinToolbox.For(config.Tools ?? ToolsConfig.None, runFolder, config.Agent.Llm!.MaxToolResultTokens)),
        "replay" => new ReplayAgent(ReplayFile.Read(config.Agent.ReplayPath!)),
        var other => throw MementoException.BadValue("agent.kind", other, string.Join(" | ", ExperimentConfig.AgentKinds)),
    };

    private static IJudge Judge(ExperimentConfig config, LlmRuntime? runtime) => config.Judge.Kind switch
    {
        "deepresearcher" => new DeepResearcherJudge(),
        "gaia" => new GaiaJudge(),
        // PM or the SimpleQA grade by an LLM; EM and F1 (and the exact-match shortcut) from the dataset's own scorer.
        _ when config.Judge.UsesLlm => LlmFactory.Judge(config, config.Dataset.Kind == "gaia" ? new GaiaJudge() : new DeepResearcherJudge(), runtime!),
        var other => throw MementoException.BadValue("judge.kind", other, string.Join(" | ", ExperimentConfig.JudgeKinds)),
    };

    /// <summary>TF-IDF fitted on the split's questions: known before the first episode, so vectors never go stale.</summary>
    public static ITextEncoder Encoder(ExperimentConfig config, IReadOnlyList<QaTask> tasks) =>
        new HashedTfIdfEncoder(config.Memory.EncoderDim, tasks.Select(t => t.Question));
}

/// <summary>The agent and judge of one run and the LLM runtime they share. Disposing releases them in that order: the
/// agent (its MCP tool server processes end), the judge, then the runtime (the response cache file is closed).</summary>
public sealed class AgentAndJudge(IAgent agent, IJudge judge, LlmRuntime? runtime) : IAsyncDisposable
{
    public IAgent Agent { get; } = agent;
    public IJudge Judge { get; } = judge;

    public async ValueTask DisposeAsync()
    {
        await Disposables.DisposeAsync(Agent);
        await Disposables.DisposeAsync(Judge);
        runtime?.Dispose();
    }
}
