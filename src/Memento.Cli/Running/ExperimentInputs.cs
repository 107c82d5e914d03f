using Memento.Core.Config;
using Memento.Core.Data;
using Memento.Core.Memory;
using Memento.Core.Tasks;

namespace Memento.Cli.Running;

/// <summary>Everything a run reads from disk, loaded — and so validated — before its results folder is touched:
/// a bad dataset line, seed bank or missing API key fails with nothing written.</summary>
public sealed record ExperimentInputs(IReadOnlyList<QaTask> Tasks, IReadOnlyList<Case> SeedCases)
{
    public static ExperimentInputs Load(ExperimentConfig config)
    {
        var inputs = LoadData(config);
        inputs.CheckAgentAndJudge(config);
        return inputs;
    }

    /// <summary>The tasks and seed cases: what depends only on <c>dataset</c> and <c>memory.seed_bank</c>.</summary>
    public static ExperimentInputs LoadData(ExperimentConfig config)
    {
        var tasks = DatasetLoader.Load(config.Dataset, config.Seed);
        var bank = new CaseBank();
        if (config.Memory.SeedBank is { } seedBank) CaseBankFile.ReadInto(seedBank, bank, "memory.seed_bank");
        return new ExperimentInputs(tasks, bank.Cases.ToArray());
    }

    /// <summary>Builds the agent and judge once, so what they need (API keys, replay files, cache) is checked
    /// before any output exists; MCP tool servers start only on first use, so none is started here. A read-write cache
    /// is left closed (opening it would create its file); a read-only one is opened, so a missing file fails here.</summary>
    public void CheckAgentAndJudge(ExperimentConfig config) =>
        ExperimentFactory.AgentAndJudge(config with { Cache = config.Cache is { Mode: "read-only" } ? config.Cache : CacheConfig.Off }, Tasks)
            .DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A fresh bank holding the seed cases (each run writes into its own).</summary>
    public CaseBank NewBank()
    {
        var bank = new CaseBank();
        foreach (var c in SeedCases) bank.Write(c.Question, c.Plan, c.Reward, c.TaskId, c.Source);
        return bank;
    }
}
