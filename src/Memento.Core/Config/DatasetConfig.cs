namespace Memento.Core.Config;

/// <summary>The dataset to replay and its filters. <see cref="Levels"/> keeps GAIA levels; <see cref="Sample"/> &gt; 0 keeps
/// that many tasks drawn with <see cref="SampleSeed"/> (file order kept); <see cref="Fields"/> names the columns of a
/// generic JSONL file (<c>kind: jsonl</c>).</summary>
public sealed record DatasetConfig(
    string Kind, string? Path, IReadOnlyList<string> Sources, int LimitPerSource, int SyntheticTasks, int WorldSeed,
    IReadOnlyList<int>? Levels, string MissingAttachments, DatasetFields? Fields, int Sample, int SampleSeed, bool TextOnly = false)
{
    /// <summary>A dataset file read with every other key at its default, as the binder gives it (the defaults are
    /// written once, in <see cref="Bind"/>); adjust with <c>with</c>.</summary>
    public static DatasetConfig ForFile(string kind, string path) =>
        Bind(new ConfigNode("dataset", new Dictionary<string, object?> { ["kind"] = kind, ["path"] = path }),
            Data.DatasetReaders.All.Select(r => r.Name).ToArray());

    internal static DatasetConfig Bind(ConfigNode d, IReadOnlyList<string> kinds)
    {
        var dataset = new DatasetConfig(
            d.Choice("kind", "synthetic", "which reader loads the tasks", kinds),
            d.OptionalString("path", "the dataset file (required unless kind is synthetic)"),
            d.StringList("sources", [], "keep only tasks of these sources (empty: all)"),
            d.Int("limit_per_source", 0, "keep the first N tasks of each source in file order (0: all)", 0),
            d.Int("synthetic_tasks", 600, "how many tasks the synthetic world generates (kind synthetic)", 1, 1_000_000),
            d.Int("world_seed", 7, "seed of the synthetic world, independent of the experiment seed (kind synthetic)", 0),
            d.StringList("levels", [], "keep only these GAIA levels, 1-3 (empty: all)").Select(l => int.TryParse(l, out var level) && level is >= 1 and <= 3
                ? level
                : throw MementoException.BadValue("dataset.levels", l, "GAIA levels 1, 2 or 3")).ToArray(),
            d.Choice("missing_attachments", "error", "a GAIA task whose attachment file is missing: stop, or keep it and score it wrong", "error", "score-wrong"),
            DatasetFields.Bind(d.Section("fields")),
            d.Int("sample", 0, "keep this many tasks drawn with sample_seed, in file order (0: all)", 0),
            d.Int("sample_seed", 0, "seed of the sample draw", 0),
            d.Bool("text_only", false, "kind hle: leave out the questions that come with an image (the official --exclude_questions_with_image)"));
        d.EnsureAllKeysKnown();
        if (dataset.Kind != "synthetic" && dataset.Path is null)
            throw MementoException.BadValue("dataset.path", "", $"a file path for dataset.kind '{dataset.Kind}'");
        return dataset;
    }
}
