using System.Text.Json;
using Memento.Core.Tasks;

namespace Memento.Core.Data;

/// <summary>
/// Humanity's Last Exam (<c>cais/hle</c>, test split) as parquet or JSON Lines: <c>id</c>, <c>question</c>, <c>image</c>
/// (a data URI, or empty for a text-only question), <c>answer</c>, <c>answer_type</c> (<c>exactMatch</c> or
/// <c>multipleChoice</c>), <c>category</c> and <c>raw_subject</c>. Source = the category (Math, Physics, ...), so every
/// per-source table is a per-category table. The image stays in the task's metadata (<see cref="QaTask.Image"/>); every
/// task asks for the three-line answer with a confidence (<see cref="QaTask.ConfidenceFormatKey"/>).
/// <c>dataset.text_only</c> drops the image questions, as the official scripts' <c>--exclude_questions_with_image</c>.
/// </summary>
internal static class HleReader
{
    public const string AnswerTypeKey = "hle.answer_type";
    public const string RawSubjectKey = "hle.raw_subject";
    public static readonly string[] AnswerTypes = ["exactMatch", "multipleChoice"];

    /// <summary>The paper's category order (Table 5a).</summary>
    public static readonly string[] Categories =
        ["Math", "Physics", "Computer Science/AI", "Biology/Medicine", "Humanities/Social Science", "Engineering", "Chemistry", "Other"];

    public static IReadOnlyList<QaTask> Read(string path, bool textOnly)
    {
        var rows = System.IO.Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase) ? ReadParquet(path) : ReadJsonl(path);
        var tasks = new List<QaTask>();
        var seen = new Dictionary<string, string>();
        foreach (var row in rows)
        {
            MementoException Error(string problem) => new($"{path}: {row.Where}: {problem}");
            string Required(string? value, string field) =>
                string.IsNullOrWhiteSpace(value) ? throw Error($"missing value in field '{field}'") : value;
            var id = Required(row.Id, "id");
            if (!seen.TryAdd(id, row.Where)) throw Error($"duplicate id '{id}' (also {seen[id]})");
            var answerType = Required(row.AnswerType, "answer_type");
            if (!AnswerTypes.Contains(answerType)) throw Error($"field 'answer_type' is '{answerType}', expected {string.Join(" or ", AnswerTypes)}");
            var image = row.Image?.Trim() ?? "";
            if (image.Length > 0 && !image.StartsWith("data:image/", StringComparison.Ordinal))
                throw Error($"field 'image' of '{id}' is not a data URI (expected data:image/...;base64,... or empty)");
            if (textOnly && image.Length > 0) continue;
            var metadata = new Dictionary<string, string>
            {
                [AnswerTypeKey] = answerType,
                [QaTask.ConfidenceFormatKey] = "true",
            };
            if (image.Length > 0) metadata[QaTask.ImageKey] = image;
            if (!string.IsNullOrWhiteSpace(row.RawSubject)) metadata[RawSubjectKey] = row.RawSubject;
            tasks.Add(new QaTask(id, Required(row.Question, "question"), [Required(row.Answer, "answer")], Required(row.Category, "category"),
                Metadata: metadata));
        }
        if (tasks.Count == 0)
            throw new MementoException($"{path}: the dataset file has no HLE questions{(textOnly ? " without an image (dataset.text_only is true)" : "")}");
        return tasks;
    }

    private sealed record Row(string Where, string? Id, string? Question, string? Image, string? Answer, string? AnswerType, string? Category, string? RawSubject);

    private static IEnumerable<Row> ReadJsonl(string path)
    {
        foreach (var (line, row) in JsonLines.Read(path))
        {
            string? Text(string field) => row.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            yield return new Row($"line {line}", Text("id"), Text("question"), Text("image"), Text("answer"), Text("answer_type"), Text("category"), Text("raw_subject"));
        }
    }

    private static IEnumerable<Row> ReadParquet(string path)
    {
        var table = ParquetTable.ReadAsync(path, CancellationToken.None).GetAwaiter().GetResult();
        IReadOnlyList<string?> Column(string name) => table.Column(name, f => f.Path.ToString() == name);
        var (ids, questions, answers, types, categories) = (Column("id"), Column("question"), Column("answer"), Column("answer_type"), Column("category"));
        var images = table.OptionalColumn(f => f.Path.ToString() == "image");
        var subjects = table.OptionalColumn(f => f.Path.ToString() == "raw_subject");
        for (var i = 0; i < table.RowCount; i++)
            yield return new Row($"row {i}", ids[i], questions[i], images?[i], answers[i], types[i], categories[i], subjects?[i]);
    }
}
