using System.Text.Json;
using Memento.Core.Data;

namespace Memento.Core.Scoring;

/// <summary>
/// Judged HLE predictions made elsewhere: the official <c>judged_*.json</c> (one JSON object mapping each question id
/// to its prediction, whose <c>judge_response</c> holds <c>correct</c> — "yes" or "no" — and <c>confidence</c>, 0-100),
/// or JSON Lines with <c>id</c>, <c>correct</c> (yes / no / true / false) and <c>confidence</c>. As the official script,
/// an entry without a judge response is not counted (<see cref="Missing"/> names them) and "correct" means the text
/// contains "yes".
/// </summary>
public sealed record HleJudgedFile(IReadOnlyList<(string Id, HleJudged Judged)> Rows, IReadOnlyList<string> Missing)
{
    public static HleJudgedFile Read(string path)
    {
        if (!File.Exists(path)) throw MementoException.MissingFile(path, "predictions file");
        var rows = new List<(string, HleJudged)>();
        var missing = new List<string>();
        if (Path.GetExtension(path).Equals(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (line, row) in JsonLines.Read(path, "predictions file"))
            {
                var id = row.RequiredString("id", path, line);
                rows.Add((id, Judged(row, problem => MementoException.AtLine(path, line, problem))));
            }
        }
        else
        {
            JsonElement root;
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(path));
                root = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new MementoException($"{path}: not JSON ({e.Message}); expected the official judged_*.json object (id -> prediction with judge_response)", e);
            }
            if (root.ValueKind != JsonValueKind.Object)
                throw new MementoException($"{path}: expected a JSON object mapping question ids to predictions (the official judged_*.json)");
            foreach (var entry in root.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.Object || !entry.Value.TryGetProperty("judge_response", out var judge))
                {
                    missing.Add(entry.Name);
                    continue;
                }
                if (judge.ValueKind != JsonValueKind.Object)
                    throw new MementoException($"{path}: '{entry.Name}': judge_response is not an object");
                rows.Add((entry.Name, Judged(judge, problem => new MementoException($"{path}: '{entry.Name}': judge_response: {problem}"))));
            }
        }
        if (rows.Count == 0) throw new MementoException($"{path}: no judged predictions{(missing.Count > 0 ? $" ({missing.Count} entries have no judge_response)" : "")}");
        return new HleJudgedFile(rows, missing);
    }

    private static HleJudged Judged(JsonElement row, Func<string, MementoException> error)
    {
        var correct = row.TryGetProperty("correct", out var c) ? c.ValueKind switch
        {
            JsonValueKind.String => c.GetString()!.Contains("yes", StringComparison.Ordinal),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw error("field 'correct' must be \"yes\", \"no\", true or false"),
        } : throw error("missing field 'correct'");
        if (!row.TryGetProperty("confidence", out var conf)) throw error("missing field 'confidence' (0-100)");
        var confidence = conf.ValueKind == JsonValueKind.Number && conf.TryGetInt32(out var n) ? n
            : conf.ValueKind == JsonValueKind.String && int.TryParse(conf.GetString()!.Trim().TrimEnd('%'), out var s) ? s
            : throw error($"field 'confidence' must be an integer 0-100, got {conf.GetRawText()}");
        return confidence is >= 0 and <= 100 ? new HleJudged(correct, confidence) : throw error($"field 'confidence' is {confidence}, expected 0-100");
    }
}
