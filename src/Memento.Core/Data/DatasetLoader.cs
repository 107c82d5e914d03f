using Memento.Core.Config;
using Memento.Core.Tasks;

namespace Memento.Core.Data;

/// <summary>Builds the task list a run replays from <c>dataset:</c> config (the reader chosen by kind and, for
/// deepresearcher and gaia, by file extension), then applies the filters in order: sources, GAIA levels, the
/// per-source limit (first N in file order), and a seeded sample (<c>sample</c> tasks drawn with <c>sample_seed</c>,
/// kept in file order). The task list never depends on the experiment seed, so runs that differ only by seed replay
/// the same tasks and can be averaged.</summary>
public static class DatasetLoader
{
    public static IReadOnlyList<QaTask> Load(DatasetConfig config, int seed)
    {
        var tasks = config.Kind switch
        {
            "synthetic" => SyntheticDataset.Generate(config.SyntheticTasks, config.WorldSeed),
            "deepresearcher" when Extension(config.Path) == ".jsonl" => MementoJsonlReader.Read(config.Path!),
            "deepresearcher" when Extension(config.Path) == ".parquet" => DeepResearcherParquetReader.Read(config.Path!),
            "deepresearcher" => throw MementoException.BadValue("dataset.path", config.Path, "a .jsonl or .parquet file for dataset.kind 'deepresearcher'"),
            "gaia" when Extension(config.Path) is ".jsonl" or ".parquet" => GaiaReader.Read(config.Path!,
                config.MissingAttachments == "score-wrong" ? MissingAttachments.ScoreWrong : MissingAttachments.Error),
            "gaia" => throw MementoException.BadValue("dataset.path", config.Path, "a GAIA metadata .jsonl or .parquet file"),
            "simpleqa" => SimpleQaCsvReader.Read(config.Path!),
            "jsonl" => GenericJsonlReader.Read(config.Path!, config.Fields),
            _ => throw MementoException.BadValue("dataset.kind", config.Kind, "synthetic, deepresearcher, gaia, simpleqa or jsonl"),
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
        if (config.Levels is { Count: > 0 } levels)
        {
            if (tasks.All(t => t.Level is null))
                throw MementoException.BadValue("dataset.levels", string.Join(",", levels), "no levels: the dataset's tasks have no level");
            selected = selected.Where(t => t.Level is { } level && levels.Contains(level));
        }
        if (config.LimitPerSource > 0)
            selected = selected.GroupBy(t => t.Source).SelectMany(g => g.Take(config.LimitPerSource));
        var list = selected.ToList();
        if (config.Sample > 0 && config.Sample < list.Count)
        {
            // a seeded draw without replacement (partial Fisher-Yates), then back into file order
            var order = Enumerable.Range(0, list.Count).ToArray();
            var random = new Random(config.SampleSeed);
            for (var i = 0; i < config.Sample; i++)
            {
                var j = random.Next(i, order.Length);
                (order[i], order[j]) = (order[j], order[i]);
            }
            list = order.Take(config.Sample).Order().Select(i => list[i]).ToList();
        }
        if (list.Count == 0) throw new MementoException("dataset: no task is left after the filters");
        return list;
    }
}
