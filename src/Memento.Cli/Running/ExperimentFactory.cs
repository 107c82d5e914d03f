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

namespace Memento.Cli.Running;

/// <summary>The composition root: picks each box of the episode data flow (design.md §3) by config.</summary>
public static class ExperimentFactory
{
    /// <param name="encoder">The run's encoder (<see cref="EncoderFactory.For"/>); built here when not given, which an
    /// <c>openai</c> encoder cannot be (it needs the run's LLM runtime). Policies that read no text ignore it.</param>
    public static IReadPolicy Policy(ExperimentConfig config, IReadOnlyList<QaTask> tasks, ITextEncoder? encoder = null)
    {
        ITextEncoder Encoder() => encoder ??= EncoderFactory.For(config, tasks);
        var m = config.Memory;
        return m.Policy switch
        {
            "none" => new NoMemoryPolicy(),
            "random" => new RandomPolicy(),
            "similarity" => new SimilarityPolicy(Encoder()),
            "qnet" when m.QNet.Features == "encoder" => new EncoderQNetPolicy(m.QNet, config.Seed, Encoder()),
            "qnet" => new QNetPolicy(m.QNet, config.Seed, Encoder()),
            "kernel" => new KernelEpisodicPolicy(m.Kernel, config.Seed, Encoder(), m.Kernel.Shortlist, m.Kernel.Temperature),
            var other => throw MementoException.BadValue("memory.policy", other, "one of " + string.Join(" | ", ExperimentConfig.Policies)),
        };
    }

    /// <summary>Whether the policy reads text, i.e. needs an encoder.</summary>
    public static bool ReadsText(ExperimentConfig config) => config.Memory.Policy is "similarity" or "qnet" or "kernel";

    /// <summary>The run's agent and judge, sharing one LLM runtime when either talks to an LLM; dispose it when the run
    /// ends (it stops MCP tool servers and closes the response cache).</summary>
    public static AgentAndJudge AgentAndJudge(ExperimentConfig config, IReadOnlyList<QaTask> tasks)
    {
        var runtime = LlmFactory.RuntimeFor(config);
        IAgent? agent = null;
        try
        {
            agent = Agent(config, tasks, runtime);
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
    public static IAgent Agent(ExperimentConfig config, IReadOnlyList<QaTask> tasks, LlmRuntime? runtime = null) => config.Agent.Kind switch
    {
        "sim" => new SimulatedAgent(config.Agent.Sim, tasks),
        "llm" => LlmFactory.Agent(config, runtime ?? throw new ArgumentNullException(nameof(runtime), "an LLM agent needs the run's LLM runtime")),
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
}

/// <summary>The agent and judge of one run and the LLM runtime they share. Disposing releases them in that order: the
/// agent (its MCP tool server processes end), the judge, then the runtime (the response cache file is closed).</summary>
public sealed class AgentAndJudge(IAgent agent, IJudge judge, LlmRuntime? runtime) : IAsyncDisposable
{
    public IAgent Agent { get; } = agent;
    public IJudge Judge { get; } = judge;

    /// <summary>The run's LLM runtime (response cache, request gate), which an <c>openai</c> encoder shares.</summary>
    public LlmRuntime? Runtime => runtime;

    public async ValueTask DisposeAsync()
    {
        await Disposables.DisposeAsync(Agent);
        await Disposables.DisposeAsync(Judge);
        runtime?.Dispose();
    }
}
