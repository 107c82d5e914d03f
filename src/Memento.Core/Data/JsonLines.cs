using System.Text.Json;

namespace Memento.Core.Data;

/// <summary>Reads JSON Lines with errors that name the file and the 1-based line. Blank lines are skipped;
/// a UTF-8 BOM and CRLF line ends are accepted.</summary>
public static class JsonLines
{
    /// <param name="what">What the file is, for the error when it is missing or a folder (e.g. "memory.seed_bank: case bank").</param>
    public static IEnumerable<(long Line, JsonElement Row)> Read(string path, string what = "dataset file")
    {
        if (Directory.Exists(path)) throw new MementoException($"{what}: {path} is a folder; expected a JSON Lines file");
        if (!File.Exists(path)) throw MementoException.MissingFile(path, what);
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonElement row;
            try
            {
                using var doc = JsonDocument.Parse(text);
                row = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw MementoException.InvalidJson(path, line, e);
            }
            if (row.ValueKind != JsonValueKind.Object) throw MementoException.AtLine(path, line, "expected a JSON object");
            yield return (line, row);
        }
    }

    public static string RequiredString(this JsonElement row, string field, string path, long line) =>
        row.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw MementoException.AtLine(path, line, $"missing string field '{field}'");
}
