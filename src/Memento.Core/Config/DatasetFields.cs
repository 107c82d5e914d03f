namespace Memento.Core.Config;

/// <summary>Field names of a generic JSONL dataset. <see cref="Source"/> and <see cref="Level"/> may be absent from the
/// rows (source then defaults to the file name without extension).</summary>
public sealed record DatasetFields(string Id, string Question, string Answer, string Source, string Level)
{
    public static readonly DatasetFields Default = new("id", "question", "answer", "source", "level");

    internal static DatasetFields Bind(ConfigNode f)
    {
        var fields = new DatasetFields(
            f.String("id", Default.Id, "field holding the task id (kind jsonl)"),
            f.String("question", Default.Question, "field holding the question (kind jsonl)"),
            f.String("answer", Default.Answer, "field holding the gold answer (kind jsonl)"),
            f.String("source", Default.Source, "field holding the source; absent rows take the file name (kind jsonl)"),
            f.String("level", Default.Level, "field holding the level, if any (kind jsonl)"));
        f.EnsureAllKeysKnown();
        return fields;
    }
}
