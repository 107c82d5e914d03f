using System.Text.Json;
using Memento.Core;

namespace Memento.Learning;

/// <summary>Reads Memento's <c>training_data.jsonl</c>: <c>{query, case, case_label, plan, truth_label}</c> a line.
/// Every problem is reported with file and line, because a 7,000-line file is edited and fetched by hand.</summary>
internal static class TrainingPairsFile
{
    public static List<TrainingPair> Read(string path)
    {
        if (!File.Exists(path)) throw MementoException.MissingFile(path, "pairs file");
        var pairs = new List<TrainingPair>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            pairs.Add(Parse(path, lineNumber, line));
        }
        if (pairs.Count == 0) throw new MementoException($"{path}: no pairs in file");
        return pairs;
    }

    private static TrainingPair Parse(string path, int lineNumber, string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw MementoException.InvalidJson(path, lineNumber, e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw MementoException.AtLine(path, lineNumber, "expected a JSON object {query, case, plan, truth_label}");
            return new TrainingPair(
                RequiredString(root, "query", path, lineNumber),
                RequiredString(root, "case", path, lineNumber),
                PlanText(root, path, lineNumber),
                root.TryGetProperty("case_label", out var caseLabel) && caseLabel.ValueKind == JsonValueKind.String
                    ? caseLabel.GetString()!
                    : "",
                Label(root, path, lineNumber));
        }
    }

    private static string RequiredString(JsonElement root, string name, string path, int lineNumber)
    {
        if (!root.TryGetProperty(name, out var value))
            throw MementoException.AtLine(path, lineNumber, $"missing field '{name}'");
        if (value.ValueKind != JsonValueKind.String)
            throw MementoException.AtLine(path, lineNumber, $"field '{name}' must be a string, got {value.ValueKind}");
        return value.GetString()!;
    }

    // Memento stores the plan as a JSON string; tolerate an inline object or array by keeping its raw text.
    private static string PlanText(JsonElement root, string path, int lineNumber)
    {
        if (!root.TryGetProperty("plan", out var plan)) throw MementoException.AtLine(path, lineNumber, "missing field 'plan'");
        return plan.ValueKind switch
        {
            JsonValueKind.String => plan.GetString()!,
            JsonValueKind.Object or JsonValueKind.Array => plan.GetRawText(),
            _ => throw MementoException.AtLine(path, lineNumber, $"field 'plan' must be a string or object, got {plan.ValueKind}"),
        };
    }

    private static bool Label(JsonElement root, string path, int lineNumber)
    {
        if (!root.TryGetProperty("truth_label", out var label))
            throw MementoException.AtLine(path, lineNumber, "missing field 'truth_label'");
        return label.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when label.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
            _ => throw MementoException.AtLine(path, lineNumber, $"field 'truth_label' must be true/false (or 0/1), got {label.GetRawText()}"),
        };
    }
}
