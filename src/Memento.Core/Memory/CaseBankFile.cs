using System.Text.Json;
using System.Text.Json.Serialization;
using Memento.Core.Data;

namespace Memento.Core.Memory;

/// <summary>
/// Case banks on disk as JSON Lines. Writes our <c>casebank.jsonl</c> — Memento's non-parametric row
/// <c>{question, plan, reward}</c> plus <c>id</c>, <c>task_id</c>, <c>source</c>. Reads that and both Memento formats:
/// <c>{question, plan, reward: 0|1}</c> (dummy_memo.jsonl) and <c>{case, plan, case_label: positive|negative}</c> (memory.jsonl).
/// </summary>
public static class CaseBankFile
{
    private sealed record Row(
        [property: JsonPropertyName("id")] int Id,
        [property: JsonPropertyName("question")] string Question,
        [property: JsonPropertyName("plan")] string Plan,
        [property: JsonPropertyName("reward")] int Reward,
        [property: JsonPropertyName("task_id")] string? TaskId,
        [property: JsonPropertyName("source")] string? Source);

    public static void Write(string path, CaseBank bank)
    {
        using var writer = new StreamWriter(path);
        foreach (var c in bank.Cases)
            writer.WriteLine(Secrets.Redact(JsonSerializer.Serialize(new Row(c.Id, c.Question, c.Plan, c.Reward, c.TaskId, c.Source))));
    }

    /// <summary>Appends the file's cases to <paramref name="bank"/>.</summary>
    /// <param name="what">The key or argument that named the file, for errors (e.g. <c>memory.seed_bank</c>).</param>
    public static void ReadInto(string path, CaseBank bank, string what = "case bank")
    {
        foreach (var (line, row) in JsonLines.Read(path, what + ": case bank file"))
        {
            if (IsRetrieverPair(row))
                throw MementoException.AtLine(path, line, $"{what}: this is a retriever training-pairs file ({{query, case, plan, truth_label}}), "
                    + "not a case bank; case banks hold {question, plan, reward} or {case, plan, case_label} rows (pairs are for memento train-retriever --pairs)");
            var question = row.TryGetProperty("question", out _) ? row.RequiredString("question", path, line) : row.RequiredString("case", path, line);
            if (!row.TryGetProperty("plan", out var planElement))
                throw MementoException.AtLine(path, line, "missing field 'plan'");
            // Memento stores plans as text or as the plan's JSON; anything else is not a plan a planner could read.
            var plan = planElement.ValueKind switch
            {
                JsonValueKind.String => planElement.GetString()!,
                JsonValueKind.Object or JsonValueKind.Array => planElement.GetRawText(),
                _ => throw MementoException.AtLine(path, line, $"field 'plan' must be a string or a JSON object or list, got {planElement.GetRawText()}"),
            };
            bank.Write(question, plan, Reward(row, path, line), Optional(row, "task_id"), Optional(row, "source"));
        }
    }

    /// <summary>A row of Memento's retriever training data: a query, a retrieved case and the run's outcome.</summary>
    public static bool IsRetrieverPair(JsonElement row) =>
        row.TryGetProperty("query", out _) && row.TryGetProperty("case", out _) && row.TryGetProperty("truth_label", out _);

    private static int Reward(JsonElement row, string path, long line)
    {
        if (row.TryGetProperty("reward", out var reward))
            return reward.ValueKind == JsonValueKind.Number && reward.TryGetInt32(out var r) && r is 0 or 1
                ? r
                : throw MementoException.AtLine(path, line, $"field 'reward' must be 0 or 1, got {reward.GetRawText()}");
        return row.RequiredString("case_label", path, line) switch
        {
            "positive" => 1,
            "negative" => 0,
            var other => throw MementoException.AtLine(path, line, $"field 'case_label' must be positive or negative, got '{other}'"),
        };
    }

    private static string? Optional(JsonElement row, string field) =>
        row.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
