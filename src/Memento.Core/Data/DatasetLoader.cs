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
        var reader = DatasetReaders.All.FirstOrDefault(r => r.Name == config.Kind)
            ?? throw MementoException.BadValue("dataset.kind", config.Kind, string.Join(", ", DatasetReaders.All.Select(r => r.Name)));
        var tasks = reader.Read(config);
        return Filter(tasks, config);
    }

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
