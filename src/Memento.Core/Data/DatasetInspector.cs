using System.Text.Json;
using System.Text.Json.Nodes;
using Memento.Core.Config;
using Memento.Core.Scoring;
using Memento.Core.Tasks;

namespace Memento.Core.Data;

/// <summary>Reads a dataset file with the reader its kind selects (guessed from the extension and, for JSONL, the first
/// row's fields) and summarises it: task count, tasks per source and per level, and answer statistics.</summary>
public static class DatasetInspector
{
    /// <summary>The dataset kind for a file: parquet → deepresearcher or gaia (by its columns), csv → simpleqa,
    /// JSONL → gaia (task_id + Question), deepresearcher (question + ground_truth + data_source), a case bank or retriever
    /// pairs (the memory files <see cref="MemoryFileInspector"/> reads), else jsonl.</summary>
    public static string GuessKind(string path)
    {
        if (!File.Exists(path)) throw MementoException.MissingFile(path, "dataset file");
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".parquet":
                var table = ParquetTable.ReadAsync(path, CancellationToken.None).GetAwaiter().GetResult();
                return table.ColumnNames.Contains("task_id") ? "gaia" : "deepresearcher";
            case ".csv":
                return "simpleqa";
            case ".jsonl" or ".json":
                foreach (var (_, row) in JsonLines.Read(path))
                    return KindOf(row);
                throw new MementoException($"{path}: the dataset file has no rows");
            default:
                throw new MementoException($"{path}: cannot tell the dataset kind from the extension; pass --kind (deepresearcher, gaia, simpleqa, jsonl)");
        }
    }

    /// <summary>The kind a JSON Lines row belongs to: gaia (task_id + Question), deepresearcher (ground_truth +
    /// data_source), a memory file's kind (<see cref="MemoryFileInspector.KindOf"/>), else jsonl.</summary>
    public static string KindOf(JsonElement row) =>
        row.TryGetProperty("task_id", out _) && row.TryGetProperty("Question", out _) ? "gaia"
        : row.TryGetProperty("ground_truth", out _) && row.TryGetProperty("data_source", out _) ? "deepresearcher"
        : MemoryFileInspector.KindOf(row) ?? "jsonl";

    public static JsonObject Inspect(string path, string? kind = null, DatasetFields? fields = null, MissingAttachments missing = MissingAttachments.ScoreWrong)
    {
        kind ??= GuessKind(path);
        if (kind == MemoryFileInspector.CaseBankKind) return MemoryFileInspector.CaseBank(path);
        if (kind == MemoryFileInspector.RetrieverPairsKind) return MemoryFileInspector.RetrieverPairs(path);
        var config = DatasetConfig.ForFile(kind, path) with
        {
            MissingAttachments = missing == MissingAttachments.ScoreWrong ? "score-wrong" : "error", Fields = fields,
        };
        var tasks = DatasetLoader.Load(config, 0);
        return Summarise(path, kind, tasks);
    }

    public static JsonObject Summarise(string path, string kind, IReadOnlyList<QaTask> tasks)
    {
        var sources = new JsonObject();
        foreach (var group in tasks.GroupBy(t => t.Source)) sources[group.Key] = group.Count();
        var levels = new JsonObject();
        foreach (var group in tasks.Where(t => t.Level is not null).GroupBy(t => t.Level!.Value).OrderBy(g => g.Key))
            levels[group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = group.Count();

        var hidden = tasks.Count(t => t.Metadata?.ContainsKey(GaiaReader.HiddenAnswerKey) == true);
        var alternatives = tasks.Select(t => t.GoldAnswers.Count).ToArray();
        var firstAnswers = tasks.Where(t => t.Metadata?.ContainsKey(GaiaReader.HiddenAnswerKey) != true).Select(t => t.GoldAnswers[0]).ToArray();
        var answers = new JsonObject
        {
            ["hidden"] = hidden,
            ["with_alternatives"] = alternatives.Count(a => a > 1),
            ["alternatives_mean"] = Math.Round(alternatives.Average(), 4),
            ["alternatives_max"] = alternatives.Max(),
            ["numeric"] = firstAnswers.Count(PythonFloat.IsFloat),
            ["list"] = firstAnswers.Count(a => !PythonFloat.IsFloat(a) && (a.Contains(',') || a.Contains(';'))),
            ["chars_mean"] = firstAnswers.Length == 0 ? 0 : Math.Round(firstAnswers.Average(a => a.Length), 2),
            ["chars_max"] = firstAnswers.Length == 0 ? 0 : firstAnswers.Max(a => a.Length),
        };
        return new JsonObject
        {
            ["path"] = Path.GetFullPath(path),
            ["kind"] = kind,
            ["tasks"] = tasks.Count,
            ["sources"] = sources,
            ["levels"] = levels,
            ["answers"] = answers,
            ["attachments"] = tasks.Sum(t => t.Attachments?.Count ?? 0),
            ["missing_attachments"] = tasks.Count(t => t.Metadata?.ContainsKey(GaiaReader.MissingAttachmentKey) == true),
            ["question_chars_mean"] = Math.Round(tasks.Average(t => t.Question.Length), 2),
        };
    }

    public static string ToJson(JsonObject summary) =>
        summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
