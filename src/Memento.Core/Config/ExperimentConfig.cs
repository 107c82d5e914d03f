namespace Memento.Core.Config;

/// <summary>The typed, validated experiment config. Built only through <see cref="ConfigLoader"/>.</summary>
/// <param name="InspectLog">Write the run as an inspect evaluation log (<see cref="Results.RunFolder.InspectLog"/>) when it finishes.</param>
public sealed record ExperimentConfig(
    string Name, int Seed, DatasetConfig Dataset, AgentConfig Agent, MemoryConfig Memory, ScheduleConfig Schedule,
    JudgeConfig Judge, IReadOnlyDictionary<string, IReadOnlyList<object?>> Grid, CacheConfig? Cache = null,
    ToolsConfig? Tools = null, IReadOnlyDictionary<string, ModelPrice>? Prices = null, bool InspectLog = false);
