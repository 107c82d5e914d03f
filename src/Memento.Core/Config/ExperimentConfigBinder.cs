using Memento.Core.Plugins;

namespace Memento.Core.Config;

/// <summary>Reads a config tree into an <see cref="ExperimentConfig"/>: the sections every config has here, each
/// kind's own settings through the <see cref="PluginCatalog"/>. Keys are read in the order the resolved config
/// records them.</summary>
internal static class ExperimentConfigBinder
{
    public static ExperimentConfig Bind(ConfigNode root, PluginCatalog catalog)
    {
        var name = root.String("name", "experiment", "experiment name: the default output folder is results/NAME");
        var seed = root.Int("seed", 1, "seeds every random choice of the run (reads, shuffles, weights, the simulator)", 0);
        var dataset = DatasetConfig.Bind(root.Section("dataset"), catalog.Datasets.Names);
        var agent = BindAgent(root.Section("agent"), catalog.Agents);
        var memory = BindMemory(root.Section("memory"), catalog);
        var schedule = ScheduleConfig.Bind(root.Section("schedule"));
        var judge = BindJudge(root.Section("judge"), catalog.Judges);
        var cache = CacheConfig.Bind(root.Section("cache"));
        var tools = ToolsConfig.Bind(root, catalog.Tools);
        var prices = ModelPrice.BindAll(root.Section("prices"));
        var inspectLog = root.Bool("inspect_log", false,
            "also write the run as an inspect_ai evaluation log (inspect.eval in the run folder) at its end; memento export inspect writes it any time later");
        var grid = BindGrid(root);
        root.EnsureAllKeysKnown();
        return new ExperimentConfig(name, seed, dataset, agent, memory, schedule, judge, grid, cache, tools, prices, inspectLog);
    }

    private static AgentConfig BindAgent(ConfigNode a, KindList<Plugin<Agents.IAgent>> agents)
    {
        var kind = a.Choice("kind", "sim", "what answers the tasks", agents.Names);
        var settings = agents.BindSettings(a);
        a.EnsureAllKeysKnown();
        agents.CheckSelected(kind, settings);
        return new AgentConfig(kind, settings);
    }

    private static MemoryConfig BindMemory(ConfigNode m, PluginCatalog catalog)
    {
        var policy = m.Choice("policy", "similarity", "how the K cases are read from the case bank", catalog.Policies.Names);
        var k = m.Int("k", 4, "cases retrieved per task (0: none)", 0, 64);
        var e = m.Section("encoder");
        var encoder = e.Choice("kind", "tfidf", "how questions become vectors for similarity reads", catalog.Encoders.Names);
        var encoderSettings = catalog.Encoders.BindSettings(e);
        e.EnsureAllKeysKnown();
        catalog.Encoders.CheckSelected(encoder, encoderSettings);
        var frozen = m.Bool("frozen", false, "read only: the bank gains no cases and learned policies stop training");
        var seedBank = m.OptionalString("seed_bank", "casebank.jsonl of an earlier run to start from");
        var overlap = m.Choice("seed_bank_overlap", "warn", "seed cases whose question is one of the evaluated tasks (test leakage): warn prints their count, error refuses the run", MemoryConfig.OverlapActions);
        var settings = catalog.Policies.BindSettings(m);
        m.EnsureAllKeysKnown();
        catalog.Policies.CheckSelected(policy, settings);
        return new MemoryConfig(policy, k, encoder, frozen, seedBank, settings, encoderSettings, overlap);
    }

    private static JudgeConfig BindJudge(ConfigNode j, KindList<JudgePlugin> judges)
    {
        var kind = judges.Get(j.Choice("kind", "deepresearcher", "how an answer is scored", judges.Names));
        var reward = j.Choice("reward", kind.UsesLlm ? "pm" : "em", "which score is the reward the memory learns from (default pm for LLM judges)", JudgeConfig.Rewards);
        var settings = judges.BindSettings(j);
        j.EnsureAllKeysKnown();
        judges.CheckSelected(kind.Name, settings);
        if (reward == "pm" && !kind.UsesLlm)
        {
            var llmJudges = string.Join(" or ", judges.All.Where(x => x.UsesLlm).Select(x => $"'{x.Name}'"));
            throw MementoException.BadValue("judge.reward", "pm", $"em or f1>=0.5 (pm needs judge.kind {llmJudges}; judge.kind '{kind.Name}' runs no LLM judge)");
        }
        return new JudgeConfig(kind.Name, reward, kind.UsesLlm, settings);
    }

    private static Dictionary<string, IReadOnlyList<object?>> BindGrid(ConfigNode root)
    {
        var grid = new Dictionary<string, IReadOnlyList<object?>>();
        foreach (var (key, values) in root.RawMapping("grid", "sweep: dotted key -> list of values; memento sweep runs every combination (keys joined by '+' vary together: each value is a list, one per key)") ?? new())
        {
            grid[key] = values is List<object?> list && list.Count > 0
                ? list
                : throw MementoException.BadValue("grid." + key, values is Dictionary<string, object?> ? "{mapping}" : values, "a non-empty list of values");
            var joined = key.Split('+').Length;
            var bad = joined > 1 ? grid[key].Where(v => v is not List<object?> tuple || tuple.Count != joined).Select(v => v ?? "null").FirstOrDefault() : null;
            if (bad is not null)
                throw MementoException.BadValue("grid." + key, bad is List<object?> l ? $"[{string.Join(", ", l)}]" : bad,
                    $"a list of {joined} values for the {joined} keys joined by '+', e.g. [{string.Join(", ", key.Split('+').Select(k => k.Split('.')[^1]))}]");
        }
        return grid;
    }
}
