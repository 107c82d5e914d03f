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
    public static IReadPolicy Policy(ExperimentConfig config, IReadOnlyList<QaTask> tasks) => config.Memory.Policy switch
    {
        "none" => new NoMemoryPolicy(),
        "random" => new RandomPolicy(),
        "similarity" => new SimilarityPolicy(Encoder(config, tasks)),
        "qnet" => new QNetPolicy(config.Memory.QNet, config.Seed, Encoder(config, tasks)),
        "kernel" => new KernelEpisodicPolicy(config.Memory.Kernel, config.Seed, Encoder(config, tasks), config.Memory.Kernel.Shortlist, config.Memory.Kernel.Temperature),
        var other => throw MementoException.BadValue("memory.policy", other, "one of " + string.Join(" | ", ExperimentConfig.Policies)),
    };

    public static IAgent Agent(ExperimentConfig config, IReadOnlyList<QaTask> tasks) => config.Agent.Kind switch
    {
        "sim" => new SimulatedAgent(config.Agent.Sim, tasks),
        "llm" => LlmFactory.Agent(config),
        "replay" => new ReplayAgent(ReplayFile.Read(config.Agent.ReplayPath!)),
        var other => throw MementoException.BadValue("agent.kind", other, string.Join(" | ", ExperimentConfig.AgentKinds)),
    };

    public static IJudge Judge(ExperimentConfig config) => config.Judge.Kind switch
    {
        "deepresearcher" => new DeepResearcherJudge(),
        "gaia" => new GaiaJudge(),
        // PM or the SimpleQA grade by an LLM; EM and F1 from the dataset's own scorer.
        "llm" or "simpleqa" => LlmFactory.Judge(config, config.Dataset.Kind == "gaia" ? new GaiaJudge() : new DeepResearcherJudge()),
        var other => throw MementoException.BadValue("judge.kind", other, string.Join(" | ", ExperimentConfig.JudgeKinds)),
    };

    /// <summary>TF-IDF fitted on the split's questions: known before the first episode, so vectors never go stale.</summary>
    public static ITextEncoder Encoder(ExperimentConfig config, IReadOnlyList<QaTask> tasks) =>
        new HashedTfIdfEncoder(config.Memory.EncoderDim, tasks.Select(t => t.Question));
}
