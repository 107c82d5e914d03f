using Memento.Core.Config;
using Memento.Core.Tasks;

namespace Memento.Core.Data;

/// <summary>Builds the task list a run replays from <c>dataset:</c> config, then applies the source filter and
/// the per-source limit (first N in file order). The task list never depends on the experiment seed, so runs
/// that differ only by seed replay the same tasks and can be averaged.</summary>
public static class DatasetLoader
{
    public static IReadOnlyList<QaTask> Load(DatasetConfig config, int seed)
    {
        var tasks = config.Kind switch
        {
            "synthetic" => SyntheticDataset.Generate(config.SyntheticTasks, config.WorldSeed),
            "deepresearcher" when Extension(config.Path) == ".jsonl" => MementoJsonlReader.Read(config.Path!),
            "deepresearcher" when Extension(config.Path) == ".parquet" => DeepResearcherParquetReader.Read(config.Path!),
            _ => throw MementoException.BadValue("dataset.kind", config.Kind, "synthetic, or deepresearcher with a .jsonl or .parquet file"),
        };
        return Filter(tasks, config);
    }

    private static string Extension(string? path) => System.IO.Path.GetExtension(path ?? "").ToLowerInvariant();

    private static IReadOnlyList<QaTask> Filter(IReadOnlyList<QaTask> tasks, DatasetConfig config)
    {
        IEnumerable<QaTask> selected = tasks;
        if (config.Sources.Count > 0)
        {
            var known = tasks.Select(t => t.Source).ToHashSet();
            foreach (var source in config.Sources.Where(s => !known.Contains(s)))
                throw MementoException.BadValue("dataset.sources", source, "one of " + string.Join(", ", known.Order()));
            selected = selected.Where(t => config.Sources.Contains(t.Source));
        }
        if (config.LimitPerSource > 0)
            selected = selected.GroupBy(t => t.Source).SelectMany(g => g.Take(config.LimitPerSource));
        var list = selected.ToList();
        if (list.Count == 0) throw new MementoException("dataset: no task is left after the filters");
        return list;
    }
}
