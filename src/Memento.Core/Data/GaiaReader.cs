using System.Globalization;
using System.Text.Json;
using Memento.Core.Tasks;

namespace Memento.Core.Data;

/// <summary>How a GAIA reader treats a task whose attachment file is absent.</summary>
public enum MissingAttachments
{
    /// <summary>Fail, naming the task and the file.</summary>
    Error,

    /// <summary>Keep the task, record the missing file in its metadata (<see cref="GaiaReader.MissingAttachmentKey"/>),
    /// and have the GAIA judge score it wrong.</summary>
    ScoreWrong,
}

/// <summary>
/// GAIA's <c>metadata.jsonl</c> (and <c>metadata.parquet</c>): <c>task_id</c>, <c>Question</c>, <c>Level</c>,
/// <c>Final answer</c>, <c>file_name</c>, <c>Annotator Metadata</c>. Attachments are resolved next to the metadata
/// file; a <c>file_name</c> that leaves its folder (absolute, or through <c>..</c>) is refused. The test split's hidden
/// answers (<c>?</c>) are kept and flagged (<see cref="HiddenAnswerKey"/>): such tasks can be run and submitted but not
/// scored. The placeholder row <c>0-0-0-0-0</c> is skipped. Source = "gaia-L{level}".
/// </summary>
internal static class GaiaReader
{
    public const string PlaceholderId = "0-0-0-0-0";
    public const string HiddenAnswer = "?";
    public const string HiddenAnswerKey = "gaia.answer_hidden";
    public const string MissingAttachmentKey = "gaia.missing_attachment";
    public const string FileNameKey = "gaia.file_name";
    public const string AnnotatorMetadataKey = "gaia.annotator_metadata";

    public static string SourceFor(int level) => $"gaia-L{level}";

    public static IReadOnlyList<QaTask> Read(string path, MissingAttachments missing = MissingAttachments.Error) =>
        System.IO.Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase)
            ? ReadParquet(path, missing)
            : ReadJsonl(path, missing);

    public static IReadOnlyList<QaTask> ReadJsonl(string path, MissingAttachments missing = MissingAttachments.Error)
    {
        var tasks = new List<QaTask>();
        var seen = new Dictionary<string, long>();
        foreach (var (line, row) in JsonLines.Read(path))
        {
            var id = row.RequiredString("task_id", path, line);
            if (id == PlaceholderId) continue;
            if (!seen.TryAdd(id, line)) throw MementoException.AtLine(path, line, $"duplicate task_id '{id}' (also line {seen[id]})");
            var level = row.TryGetProperty("Level", out var lv) ? lv switch
            {
                { ValueKind: JsonValueKind.Number } when lv.TryGetInt32(out var n) => n.ToString(CultureInfo.InvariantCulture),
                { ValueKind: JsonValueKind.String } => lv.GetString(),
                _ => null,
            } : null;
            var answer = row.TryGetProperty("Final answer", out var fa) ? fa switch
            {
                { ValueKind: JsonValueKind.String } => fa.GetString(),
                { ValueKind: JsonValueKind.Number } => fa.GetRawText(),
                _ => null,
            } : null;
            var fileName = row.TryGetProperty("file_name", out var fn) && fn.ValueKind == JsonValueKind.String ? fn.GetString() : null;
            var annotator = row.TryGetProperty("Annotator Metadata", out var am) && am.ValueKind is JsonValueKind.Object or JsonValueKind.String
                ? (am.ValueKind == JsonValueKind.String ? am.GetString() : am.GetRawText())
                : null;
            tasks.Add(Build(path, problem => MementoException.AtLine(path, line, problem),
                id, row.RequiredString("Question", path, line), level, answer, fileName, annotator, missing));
        }
        if (tasks.Count == 0) throw new MementoException($"{path}: the dataset file has no GAIA tasks");
        return tasks;
    }

    public static IReadOnlyList<QaTask> ReadParquet(string path, MissingAttachments missing = MissingAttachments.Error)
    {
        var table = ParquetTable.ReadAsync(path, CancellationToken.None).GetAwaiter().GetResult();
        var ids = table.Column("task_id", f => f.Path.ToString() == "task_id");
        var questions = table.Column("Question", f => f.Path.ToString() == "Question");
        var levels = table.Column("Level", f => f.Path.ToString() == "Level", allowIntegers: true);
        var answers = table.Column("Final answer", f => f.Path.ToString() == "Final answer");
        var files = table.OptionalColumn(f => f.Path.ToString() == "file_name");
        var tasks = new List<QaTask>();
        var seen = new Dictionary<string, int>();
        for (var row = 0; row < table.RowCount; row++)
        {
            var r = row;
            MementoException Error(string problem) => new($"{path}: row {r}: {problem}");
            var id = ids[row] ?? throw Error("missing value in column 'task_id'");
            if (id == PlaceholderId) continue;
            if (!seen.TryAdd(id, row)) throw Error($"duplicate task_id '{id}' (also row {seen[id]})");
            var question = questions[row] ?? throw Error("missing value in column 'Question'");
            tasks.Add(Build(path, Error, id, question, levels[row], answers[row], files?[row], null, missing));
        }
        if (tasks.Count == 0) throw new MementoException($"{path}: the dataset file has no GAIA tasks");
        return tasks;
    }

    private static QaTask Build(
        string path, Func<string, MementoException> error, string id, string question, string? levelText,
        string? answer, string? fileName, string? annotator, MissingAttachments missing)
    {
        if (string.IsNullOrWhiteSpace(question)) throw error("field 'Question' is empty");
        if (!int.TryParse(levelText, NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level is < 1 or > 3)
            throw error($"field 'Level' must be 1, 2 or 3, got '{levelText}'");
        if (answer is null) throw error("missing field 'Final answer' (use \"?\" for a hidden answer)");

        var metadata = new Dictionary<string, string>();
        if (answer.Trim() == HiddenAnswer) metadata[HiddenAnswerKey] = "true";
        if (annotator is not null) metadata[AnnotatorMetadataKey] = annotator;
        var attachments = new List<string>();
        if (!string.IsNullOrWhiteSpace(fileName))
        {
            metadata[FileNameKey] = fileName;
            var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, fileName));
            if (System.IO.Path.IsPathRooted(fileName) || !full.StartsWith(dir.TrimEnd('/') + "/", StringComparison.Ordinal))
                throw error($"field 'file_name' of task '{id}' must name a file in the dataset folder {dir}, got '{fileName}' (absolute paths and '..' are refused)");
            if (File.Exists(full)) attachments.Add(full);
            else if (missing == MissingAttachments.ScoreWrong) metadata[MissingAttachmentKey] = fileName;
            else throw error($"attachment '{fileName}' of task '{id}' not found: {full} (set dataset.missing_attachments: score-wrong to keep the task and score it wrong)");
        }
        return new QaTask(id, question, [answer], SourceFor(level), level, attachments, metadata);
    }
}
