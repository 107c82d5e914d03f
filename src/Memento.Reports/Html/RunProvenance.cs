using System.Text.Json;
using Memento.Core.Results;

namespace Memento.Reports.Html;

/// <summary>The provenance a run or sweep folder records in <c>run.json</c> (version, commit, command line, times,
/// host, ...), flattened to dotted keys in file order. Every field is optional: the page shows what the file has,
/// and says so when there is no file (folders written before memento recorded provenance).</summary>
internal static class RunProvenance
{
    /// <summary>The fields, or null when the folder has no <c>run.json</c>; a file that is not a JSON object is shown
    /// as one field saying so rather than failing the whole report.</summary>
    public static IReadOnlyList<(string Key, string Value)>? Read(string dir)
    {
        var path = new RunFolder(dir).Provenance;
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var fields = new List<(string, string)>();
            Flatten("", doc.RootElement, fields);
            return fields;
        }
        catch (JsonException e)
        {
            return [(RunFolder.ProvenanceFile, "unreadable: " + e.Message)];
        }
    }

    private static void Flatten(string prefix, JsonElement value, List<(string, string)> into)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in value.EnumerateObject()) Flatten(prefix.Length == 0 ? p.Name : $"{prefix}.{p.Name}", p.Value, into);
                break;
            case JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)):
                into.Add((prefix, string.Join(" ", value.EnumerateArray().Select(Scalar))));
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray()) Flatten($"{prefix}[{i++}]", item, into);
                break;
            default:
                into.Add((prefix, Scalar(value)));
                break;
        }
    }

    private static string Scalar(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
