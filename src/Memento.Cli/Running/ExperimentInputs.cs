using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Scoring;
using Memento.Core.Data;
using Memento.Core.Memory;
using Memento.Core.Tasks;

namespace Memento.Cli.Running;

/// <summary>Everything a run reads from disk, loaded — and so validated — before its results folder is touched:
/// a bad dataset line, seed bank or missing API key fails with nothing written.</summary>
internal sealed record ExperimentInputs(IReadOnlyList<QaTask> Tasks, IReadOnlyList<Case> SeedCases)
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
        var inputs = new ExperimentInputs(tasks, bank.Cases.ToArray());
        inputs.CheckOverlap(config.Memory);
        return inputs;
    }

    /// <summary>Seed cases whose question (normalised) is one of the evaluated tasks: a bank built on the test split
    /// hands the planner the answers' plans (Memento's memory.jsonl is 1,278 DeepResearcher test questions).</summary>
    public int OverlapCount()
    {
        var questions = Tasks.Select(t => AnswerNormalizer.Normalize(t.Question)).ToHashSet();
        return SeedCases.Count(c => questions.Contains(AnswerNormalizer.Normalize(c.Question)));
    }

    private void CheckOverlap(MemoryConfig memory)
    {
        if (memory.SeedBankOverlap == "ignore" || SeedCases.Count == 0) return;
        var overlap = OverlapCount();
        if (overlap == 0) return;
        var what = $"memory.seed_bank: {overlap} of {SeedCases.Count} seed cases ask a question of the evaluated tasks (test leakage)";
        if (memory.SeedBankOverlap == "error") throw new MementoException($"{what}; memory.seed_bank_overlap is error");
        Console.Error.WriteLine($"warning: {what}; set memory.seed_bank_overlap=error to refuse such runs, or ignore to silence this");
    }

    /// <summary>Builds the agent and judge once, so what they need (API keys, replay files, cache) is checked
    /// before any output exists; MCP tool servers start only on first use, so none is started here. A read-write cache
    /// is left closed (opening it would create its file); a read-only one is opened, so a missing file fails here.</summary>
    public void CheckAgentAndJudge(ExperimentConfig config)
    {
        if (config.Cache?.Path is { } cachePath) Llm.SqliteResponseCache.CheckPath(cachePath);
        ExperimentFactory.AgentAndJudge(config with { Cache = config.Cache is { Mode: "read-only" } ? config.Cache : CacheConfig.Off }, Tasks)
            .DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A fresh bank holding the seed cases (each run writes into its own).</summary>
    public CaseBank NewBank()
    {
        var bank = new CaseBank();
        foreach (var c in SeedCases) bank.Write(c.Question, c.Plan, c.Reward, c.TaskId, c.Source);
        return bank;
    }
}
