using System.Text.Json;
using System.Text.Json.Nodes;
using Memento.Core.Memory;

namespace Memento.Core.Data;

/// <summary>Summaries of the two memory files <c>datasets list</c> offers beside the datasets: a case bank (ours or
/// Memento's <c>memory.jsonl</c>) and Memento's retriever training pairs (<c>training_data.jsonl</c>).</summary>
public static class MemoryFileInspector
{
    public const string CaseBankKind = "casebank";
    public const string RetrieverPairsKind = "retriever-pairs";

    /// <summary>The memory-file kind of a JSON Lines row, or null when the row is a dataset row.</summary>
    public static string? KindOf(JsonElement row) =>
        CaseBankFile.IsRetrieverPair(row) ? RetrieverPairsKind
        : row.TryGetProperty("plan", out _) && (row.TryGetProperty("case_label", out _) || row.TryGetProperty("reward", out _)) ? CaseBankKind
        : null;

    public static JsonObject CaseBank(string path)
    {
        var bank = new CaseBank();
        CaseBankFile.ReadInto(path, bank);
        var cases = bank.Cases;
        return new JsonObject
        {
            ["path"] = Path.GetFullPath(path),
            ["kind"] = CaseBankKind,
            ["cases"] = cases.Count,
            ["positive"] = cases.Count(c => c.Reward == 1),
            ["negative"] = cases.Count(c => c.Reward == 0),
            ["distinct_questions"] = cases.Select(c => c.Question).Distinct(StringComparer.Ordinal).Count(),
            ["sources"] = Counts(cases.Select(c => c.Source ?? "(none)")),
            ["plan_chars_mean"] = cases.Count == 0 ? 0 : Math.Round(cases.Average(c => c.Plan.Length), 2),
        };
    }

    public static JsonObject RetrieverPairs(string path)
    {
        var rows = JsonLines.Read(path).ToList();
        foreach (var (line, row) in rows)
        {
            if (!CaseBankFile.IsRetrieverPair(row))
                throw MementoException.AtLine(path, line, "expected a retriever pair {query, case, plan, truth_label}");
            if (row.GetProperty("truth_label").ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw MementoException.AtLine(path, line, $"field 'truth_label' must be true or false, got {row.GetProperty("truth_label").GetRawText()}");
        }
        var pairs = rows.Select(r => r.Row).ToList();
        return new JsonObject
        {
            ["path"] = Path.GetFullPath(path),
            ["kind"] = RetrieverPairsKind,
            ["pairs"] = pairs.Count,
            ["distinct_queries"] = pairs.Select(r => r.GetProperty("query").ToString()).Distinct(StringComparer.Ordinal).Count(),
            ["distinct_cases"] = pairs.Select(r => r.GetProperty("case").ToString()).Distinct(StringComparer.Ordinal).Count(),
            ["truth_true"] = pairs.Count(r => r.GetProperty("truth_label").ValueKind == JsonValueKind.True),
            ["truth_false"] = pairs.Count(r => r.GetProperty("truth_label").ValueKind == JsonValueKind.False),
            ["case_labels"] = Counts(pairs.Select(r => r.TryGetProperty("case_label", out var l) ? l.ToString() : "(none)")),
        };
    }

    private static JsonObject Counts(IEnumerable<string> keys)
    {
        var counts = new JsonObject();
        foreach (var group in keys.GroupBy(k => k).OrderBy(g => g.Key, StringComparer.Ordinal)) counts[group.Key] = group.Count();
        return counts;
    }
}
