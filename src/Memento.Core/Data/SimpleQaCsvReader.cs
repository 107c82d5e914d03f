using System.Text.RegularExpressions;
using CsvHelper;
using Memento.Core.Tasks;

namespace Memento.Core.Data;

/// <summary>
/// SimpleQA-style CSV (<c>simple_qa_test_set.csv</c>): columns <c>problem</c> and <c>answer</c>, optional <c>metadata</c>
/// (a Python dict literal such as <c>{'topic': 'Art', 'answer_type': 'Person', 'urls': [...]}</c>), optional <c>id</c>.
/// Task id = <c>id</c> when present, else "simpleqa_" + 0-based row; source = the metadata's <c>topic</c> when present,
/// else "simpleqa". The raw metadata is kept under <see cref="MetadataKey"/>.
/// </summary>
internal static class SimpleQaCsvReader
{
    public const string DefaultSource = "simpleqa";
    public const string MetadataKey = "simpleqa.metadata";

    public static IReadOnlyList<QaTask> Read(string path)
    {
        if (!File.Exists(path)) throw MementoException.MissingFile(path, "dataset file");
        var tasks = new List<QaTask>();
        try
        {
            using var text = new StreamReader(path);
            using var csv = CsvReader.Create(text, new CsvReaderOptions { TrackLineNumbers = true });
            csv.ReadHeader();
            if (csv.Headers is not { Count: > 0 }) throw new MementoException($"{path}: the dataset file is empty (expected a header with columns problem, answer)");
            int Column(string name) => csv.TryGetFieldIndex(name, out var index)
                ? index
                : throw new MementoException($"{path}: CSV column '{name}' is missing (the header has: {string.Join(", ", csv.Headers ?? [])})");
            var problem = Column("problem");
            var answer = Column("answer");
            var metadata = csv.TryGetFieldIndex("metadata", out var m) ? m : -1;
            var id = csv.TryGetFieldIndex("id", out var i) ? i : -1;
            var seen = new HashSet<string>();
            while (csv.Read())
            {
                var line = csv.LineNumber;
                string Field(int index, string name) =>
                    index < csv.FieldCount && csv.GetString(index) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
                        ? value
                        : throw MementoException.AtLine(path, line, $"missing value in column '{name}'");
                var taskId = id >= 0 ? Field(id, "id") : $"{DefaultSource}_{tasks.Count}";
                if (!seen.Add(taskId)) throw MementoException.AtLine(path, line, $"duplicate id '{taskId}'");
                var raw = metadata >= 0 && metadata < csv.FieldCount ? csv.GetString(metadata) : "";
                var meta = new Dictionary<string, string>();
                var source = DefaultSource;
                if (raw.Length > 0)
                {
                    meta[MetadataKey] = raw;
                    if (DictString("topic").Match(raw) is { Success: true } topic) source = meta["topic"] = topic.Groups[1].Value;
                    if (DictString("answer_type").Match(raw) is { Success: true } type) meta["answer_type"] = type.Groups[1].Value;
                }
                tasks.Add(new QaTask(taskId, Field(problem, "problem"), [Field(answer, "answer")], source, Metadata: meta));
            }
        }
        catch (CsvFormatException e)
        {
            throw new MementoException($"{path}: malformed CSV: {e.Message}", e);
        }
        if (tasks.Count == 0) throw new MementoException($"{path}: the dataset file has no rows");
        return tasks;
    }

    private static Regex DictString(string key) => new($@"['""]{Regex.Escape(key)}['""]\s*:\s*['""]([^'""]*)['""]");
}
