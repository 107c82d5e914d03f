using System.Globalization;
using System.Text.Json;
using Memento.Core.Config;
using Memento.Core.Tasks;

namespace Memento.Core.Data;

/// <summary>
/// Any JSON Lines dataset, its field names set by <c>dataset.fields</c>. The question field is required; the answer is a
/// string (alternatives joined by <c>&lt;|answer_split|&gt;</c>), a number, or an array of strings; the id defaults to
/// source + "_" + row number, the source to the file name without extension; the level (an integer) is optional.
/// </summary>
internal static class GenericJsonlReader
{
    public static IReadOnlyList<QaTask> Read(string path, DatasetFields? fields = null)
    {
        fields ??= DatasetFields.Default;
        var fallbackSource = Path.GetFileNameWithoutExtension(path);
        var tasks = new List<QaTask>();
        var seen = new Dictionary<string, long>();
        foreach (var (line, row) in JsonLines.Read(path))
        {
            var question = row.TryGetProperty(fields.Question, out _) ? row.RequiredString(fields.Question, path, line) : throw MissingField(row, fields.Question, path, line);
            var source = OptionalText(row, fields.Source, path, line) ?? fallbackSource;
            var id = OptionalText(row, fields.Id, path, line) ?? $"{source}_{tasks.Count}";
            if (!seen.TryAdd(id, line)) throw MementoException.AtLine(path, line, $"duplicate id '{id}' (also line {seen[id]})");
            var golds = Answers(row, fields.Answer, path, line);
            int? level = null;
            if (OptionalText(row, fields.Level, path, line) is { } levelText)
                level = int.TryParse(levelText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : throw MementoException.AtLine(path, line, $"field '{fields.Level}' must be an integer, got '{levelText}'");
            tasks.Add(new QaTask(id, question, golds, source, level));
        }
        if (tasks.Count == 0) throw new MementoException($"{path}: the dataset file has no rows");
        return tasks;
    }

    /// <summary>A row without a field <c>dataset.fields</c> names; when the row is another kind's (a DeepResearcher or
    /// GAIA file, a case bank), the error names the kind that reads it.</summary>
    private static MementoException MissingField(JsonElement row, string field, string path, long line) =>
        MementoException.AtLine(path, line, $"missing field '{field}'" + DatasetInspector.KindOf(row) switch
        {
            "jsonl" => "",
            ("deepresearcher" or "gaia") and var kind => $"; the row has the fields of a {kind} file: read it with dataset.kind: {kind}",
            var kind => $"; this is a {kind} file, not a dataset of questions",
        });

    private static string? OptionalText(JsonElement row, string field, string path, long line)
    {
        if (!row.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw MementoException.AtLine(path, line, $"field '{field}' must be a string or a number"),
        };
    }

    private static IReadOnlyList<string> Answers(JsonElement row, string field, string path, long line)
    {
        if (!row.TryGetProperty(field, out var value)) throw MissingField(row, field, path, line);
        IReadOnlyList<string> golds = value.ValueKind switch
        {
            JsonValueKind.String => QaTask.SplitAnswers(value.GetString()!),
            JsonValueKind.Number => [value.GetRawText()],
            JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                value.EnumerateArray().Select(e => e.GetString()!.Trim()).Where(a => a.Length > 0).ToArray(),
            _ => throw MementoException.AtLine(path, line, $"field '{field}' must be a string, a number or a list of strings"),
        };
        return golds.Count > 0 ? golds : throw MementoException.AtLine(path, line, $"field '{field}' has no answer");
    }
}
