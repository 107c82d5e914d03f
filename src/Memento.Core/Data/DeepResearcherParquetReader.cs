using System.Globalization;
using Memento.Core.Tasks;
using Parquet.Data;
using Parquet;
using Parquet.Schema;

namespace Memento.Core.Data;

/// <summary>
/// The DeepResearcher parquet files (<c>data/test.parquet</c>, <c>data/dev.parquet</c>): <c>data_source</c> (string),
/// <c>prompt</c> (list of struct {content, role}; the question is the first <c>user</c> message),
/// <c>reward_model</c> (struct {ground_truth: alternatives joined by <c>&lt;|answer_split|&gt;</c>, style}) and
/// <c>extra_info</c> (struct {index: the stable task id, split}). Schema problems name the file and the column; bad
/// values name the file, the 0-based row and the column.
/// </summary>
internal static class DeepResearcherParquetReader
{
    public const string SourceColumn = "data_source";
    public const string ContentColumn = "prompt.content";
    public const string RoleColumn = "prompt.role";
    public const string AnswerColumn = "reward_model.ground_truth";
    public const string IdColumn = "extra_info.index";
    public const string SplitColumn = "extra_info.split";

    public static IReadOnlyList<QaTask> Read(string path) => ReadAsync(path).GetAwaiter().GetResult();

    public static async Task<IReadOnlyList<QaTask>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var table = await ParquetTable.ReadAsync(path, cancellationToken);
        var sources = table.Column(SourceColumn, f => f.Path.ToString() == "data_source");
        var answers = table.Column(AnswerColumn, f => f.Path.ToString() == "reward_model/ground_truth");
        var ids = table.Column(IdColumn, f => f.Path.ToString() == "extra_info/index");
        var splits = table.OptionalColumn(f => f.Path.ToString() == "extra_info/split");
        var contents = table.ListColumn(ContentColumn, f => IsPromptLeaf(f, "content"));
        var roles = table.ListColumn(RoleColumn, f => IsPromptLeaf(f, "role"));

        var tasks = new List<QaTask>(table.RowCount);
        var seen = new Dictionary<string, int>();
        for (var row = 0; row < table.RowCount; row++)
        {
            var source = Required(path, row, SourceColumn, sources[row]);
            var id = Required(path, row, IdColumn, ids[row]);
            if (!seen.TryAdd(id, row)) throw AtRow(path, row, IdColumn, $"duplicate task id '{id}' (also row {seen[id]})");
            var golds = QaTask.SplitAnswers(Required(path, row, AnswerColumn, answers[row]));
            if (golds.Count == 0) throw AtRow(path, row, AnswerColumn, "no answer");
            var question = Question(contents[row], roles[row]) ?? throw AtRow(path, row, ContentColumn, "no user message with content");
            var metadata = new Dictionary<string, string>();
            if (splits?[row] is { } split) metadata["split"] = split;
            tasks.Add(new QaTask(id, question, golds, source, Metadata: metadata));
        }
        if (tasks.Count == 0) throw new MementoException($"{path}: the dataset file has no rows");
        return tasks;
    }

    private static bool IsPromptLeaf(DataField field, string name)
    {
        var parts = field.Path.ToList();
        return parts.Count >= 2 && parts[0] == "prompt" && parts[^1] == name;
    }

    private static string? Question(IReadOnlyList<string?> contents, IReadOnlyList<string?> roles)
    {
        for (var i = 0; i < contents.Count; i++)
            if (i < roles.Count && roles[i] == "user" && !string.IsNullOrWhiteSpace(contents[i])) return contents[i];
        return null;
    }

    private static string Required(string path, int row, string column, string? value) =>
        string.IsNullOrWhiteSpace(value) ? throw AtRow(path, row, column, "missing value") : value;

    private static MementoException AtRow(string path, int row, string column, string problem) =>
        new($"{path}: row {row}, column '{column}': {problem}");
}

/// <summary>String columns of a parquet file read whole (all row groups), for the small benchmark tables we load.
/// Lists are regrouped per row from their repetition levels.</summary>
internal sealed class ParquetTable
{
    private readonly string _path;
    private readonly ParquetSchema _schema;
    private readonly List<ParquetRowGroupReader> _groups;

    private ParquetTable(string path, ParquetSchema schema, List<ParquetRowGroupReader> groups, int rowCount)
    {
        _path = path;
        _schema = schema;
        _groups = groups;
        RowCount = rowCount;
    }

    public int RowCount { get; }

    public IReadOnlyList<string> ColumnNames =>
        _schema.GetDataFields().Select(f => string.Join(".", f.Path.ToList())).ToArray();

    /// <summary>Reads the whole file into memory (column data is materialised lazily per column).</summary>
    public static async Task<ParquetTable> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw MementoException.MissingFile(path, "dataset file");
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        try
        {
            var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes), cancellationToken: cancellationToken);
            var groups = Enumerable.Range(0, reader.RowGroupCount).Select(reader.OpenRowGroupReader).ToList();
            return new ParquetTable(path, reader.Schema, groups, checked((int)groups.Sum(g => g.RowCount)));
        }
        catch (Exception e) when (e is not MementoException and not OperationCanceledException)
        {
            throw new MementoException($"{path}: not a readable parquet file ({e.Message})", e);
        }
    }

    public DataField? Find(Func<DataField, bool> match) => _schema.GetDataFields().FirstOrDefault(match);

    /// <summary>A flat string column, one value per row; <paramref name="allowIntegers"/> also accepts an integer column,
    /// read as decimal text (GAIA's Level).</summary>
    public IReadOnlyList<string?> Column(string name, Func<DataField, bool> match, bool allowIntegers = false)
    {
        var field = Find(match) ?? throw Missing(name);
        return Flat(name, field, allowIntegers);
    }

    public IReadOnlyList<string?>? OptionalColumn(Func<DataField, bool> match) =>
        Find(match) is { } field ? Flat(string.Join(".", field.Path.ToList()), field) : null;

    /// <summary>A repeated string column, a list of values per row.</summary>
    public IReadOnlyList<IReadOnlyList<string?>> ListColumn(string name, Func<DataField, bool> match)
    {
        var field = Find(match) ?? throw Missing(name);
        CheckString(name, field);
        if (field.MaxRepetitionLevel == 0) return Flat(name, field).Select(v => (IReadOnlyList<string?>)[v]).ToArray();
        var rows = new List<IReadOnlyList<string?>>(RowCount);
        foreach (var (values, levels) in Values(name, field))
        {
            List<string?>? current = null;
            for (var i = 0; i < values.Length; i++)
            {
                if (levels[i] == 0) rows.Add(current = []);
                current!.Add(values[i]);
            }
        }
        if (rows.Count != RowCount) throw Broken(name, $"{rows.Count} lists for {RowCount} rows");
        return rows;
    }

    private IReadOnlyList<string?> Flat(string name, DataField field, bool allowIntegers = false)
    {
        CheckString(name, field, allowIntegers);
        if (field.MaxRepetitionLevel != 0) throw new MementoException($"{_path}: parquet column '{name}' is a list, expected one value per row");
        var all = new List<string?>(RowCount);
        foreach (var (values, _) in Values(name, field)) all.AddRange(values);
        if (all.Count != RowCount) throw Broken(name, $"{all.Count} values for {RowCount} rows");
        return all;
    }

    /// <summary>Each row group's entries (null where the definition level says so) with their repetition levels.
    /// Read raw and placed by definition level: the library's string overload does not keep nulls in nested columns.</summary>
    private IEnumerable<(string?[] Values, int[] Levels)> Values(string name, DataField field)
    {
        foreach (var group in _groups)
        {
            string?[] values;
            int[] levels;
            try
            {
                using var raw = group.ReadRawColumnDataBaseAsync(field).AsTask().GetAwaiter().GetResult();
                var count = checked((int)(group.GetMetadata(field)?.MetaData?.NumValues ?? group.RowCount));
                var definition = field.MaxDefinitionLevel > 0 ? raw.DefinitionLevels.ToArray() : null;
                levels = field.MaxRepetitionLevel > 0 ? raw.RepetitionLevels.ToArray() : new int[definition?.Length ?? count];
                values = new string?[levels.Length];
                var present = Enumerable.Range(0, values.Length).Where(i => definition is null || definition[i] == field.MaxDefinitionLevel).ToArray();
                switch (raw)
                {
                    case RawColumnData<ReadOnlyMemory<char>> text:
                        for (var k = 0; k < present.Length; k++) values[present[k]] = text.Values[k].ToString();
                        break;
                    case RawColumnData<long> longs:
                        for (var k = 0; k < present.Length; k++) values[present[k]] = longs.Values[k].ToString(CultureInfo.InvariantCulture);
                        break;
                    case RawColumnData<int> ints:
                        for (var k = 0; k < present.Length; k++) values[present[k]] = ints.Values[k].ToString(CultureInfo.InvariantCulture);
                        break;
                    default:
                        throw new MementoException($"{_path}: parquet column '{name}' has type {field.ClrType.Name}, expected a string");
                }
            }
            catch (Exception e) when (e is not MementoException)
            {
                throw Broken(name, e.Message);
            }
            yield return (values, levels);
        }
    }

    private void CheckString(string name, DataField field, bool allowIntegers = false)
    {
        var type = field.ClrType;
        var integer = type == typeof(long) || type == typeof(int);
        if (type != typeof(string) && type != typeof(ReadOnlyMemory<char>) && !(allowIntegers && integer))
            throw new MementoException($"{_path}: parquet column '{name}' has type {type.Name}, expected a string");
    }

    private MementoException Missing(string name) =>
        new($"{_path}: parquet column '{name}' is missing (the file has: {string.Join(", ", ColumnNames)})");

    private MementoException Broken(string name, string problem) =>
        new($"{_path}: parquet column '{name}' could not be read: {problem}");
}
