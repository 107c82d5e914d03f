using System.Text.Json;
using System.Text.Json.Nodes;
using Memento.Core.Data;
using Memento.Core.Judging;
using Memento.Core.Tasks;

namespace Memento.Core.Scoring;

/// <summary>
/// Scores predictions made elsewhere (Memento's Python agent, DeepResearcher rollouts, GAIA submissions): JSONL rows
/// with an id (<c>id</c> or <c>task_id</c>; Memento's result rows have none and use <c>question</c>), an answer
/// (<c>pred_answer</c>, <c>model_answer</c> or <c>prediction</c>) and a <c>ground_truth</c> — or gold answers joined
/// from a dataset by id, or by question text when the id is not the dataset's (Memento's JSONL copy numbers rows per
/// source, <c>musique_58</c>, where the parquet has <c>musique_2hop__559076_55984</c>). For GAIA, a hidden gold answer
/// (<c>?</c>, the test split) leaves the row unscored. Each row keeps its source and level (from the row, else from the
/// dataset) so figures can be broken down by them.
/// </summary>
public static class PredictionScorer
{
    private static readonly string[] AnswerFields = ["pred_answer", "model_answer", "prediction"];

    /// <param name="Unscored">True when the gold answer is hidden (GAIA test split, <c>?</c>): the row is not scored.</param>
    public sealed record Scored(string Id, JsonObject Row, bool Correct, bool Unscored = false, string? Source = null, int? Level = null);

    /// <param name="scorer"><c>gaia</c> (quasi-exact match) or <c>deepresearcher</c> (EM and set-F1).</param>
    /// <param name="gold">Gold answers by task id, from <c>--dataset</c>; null when rows carry <c>ground_truth</c>.</param>
    public static IReadOnlyList<Scored> Score(string predictionsPath, string scorer, IReadOnlyDictionary<string, QaTask>? gold)
    {
        var scored = new List<Scored>();
        var byQuestion = gold?.Values.GroupBy(t => AnswerNormalizer.Normalize(t.Question)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (line, row) in JsonLines.Read(predictionsPath))
        {
            var id = Text(row, "id") ?? Text(row, "task_id") ?? Text(row, "question")
                ?? throw MementoException.AtLine(predictionsPath, line, "no 'id', 'task_id' or 'question' field to identify the row");
            var answer = AnswerFields.Select(f => row.TryGetProperty(f, out var v) ? v : (JsonElement?)null).FirstOrDefault(v => v is not null);
            if (answer is null) throw MementoException.AtLine(predictionsPath, line, "missing the answer: expected one of " + string.Join(", ", AnswerFields));
            var predicted = answer.Value.ValueKind == JsonValueKind.Null ? null : answer.Value.ValueKind == JsonValueKind.String ? answer.Value.GetString() : answer.Value.GetRawText();
            var task = gold is null ? null : Join(row, id, gold, byQuestion!, predictionsPath, line);
            var golds = task?.GoldAnswers ?? Golds(row, predictionsPath, line);
            var source = Text(row, "source") ?? Text(row, "data_source") ?? task?.Source;
            var level = int.TryParse(Text(row, "level") ?? Text(row, "Level"), out var l) ? l : task?.Level;

            var output = new JsonObject { ["id"] = id };
            if (task is not null && task.Id != id) output["dataset_id"] = task.Id;
            if (source is not null) output["source"] = source;
            if (level is not null) output["level"] = level;
            bool correct;
            if (scorer == "gaia" && golds is [var only] && only.Trim() == GaiaReader.HiddenAnswer)
            {
                output["gaia_correct"] = null;
                output["unscored"] = GaiaJudge.HiddenAnswerError;
                scored.Add(new Scored(id, output, false, Unscored: true, source, level));
                continue;
            }
            if (scorer == "gaia")
            {
                correct = GaiaScorer.IsCorrect(predicted, golds[0]);
                output["gaia_correct"] = correct;
            }
            else
            {
                correct = DeepResearcherScorer.ExactMatch(predicted ?? "", golds);
                output["em"] = correct ? 1 : 0;
                output["f1"] = DeepResearcherScorer.F1(predicted ?? "", golds);
            }
            scored.Add(new Scored(id, output, correct, Source: source, Level: level));
        }
        if (scored.Count == 0) throw new MementoException($"{predictionsPath}: the predictions file has no rows");
        return scored;
    }

    /// <summary>The dataset task of a row: by id, else by its question (normalised as answers are).</summary>
    private static QaTask Join(JsonElement row, string id, IReadOnlyDictionary<string, QaTask> gold,
        Dictionary<string, List<QaTask>> byQuestion, string path, long line)
    {
        if (gold.TryGetValue(id, out var task)) return task;
        if (Text(row, "question") is not { } question)
            throw MementoException.AtLine(path, line, $"id '{id}' is not in the --dataset file (and the row has no 'question' to join by)");
        if (!byQuestion.TryGetValue(AnswerNormalizer.Normalize(question), out var matches))
            throw MementoException.AtLine(path, line, $"id '{id}' is not in the --dataset file, and neither is its question");
        if (matches.Select(t => string.Join(QaTask.AnswerSplit, t.GoldAnswers)).Distinct().Count() > 1)
            throw MementoException.AtLine(path, line, $"id '{id}' is not in the --dataset file, and its question matches {matches.Count} tasks with different answers ({string.Join(", ", matches.Select(t => t.Id))})");
        return matches[0];
    }

    private static IReadOnlyList<string> Golds(JsonElement row, string path, long line)
    {
        var truth = Text(row, "ground_truth") ?? Text(row, "answer")
            ?? throw MementoException.AtLine(path, line, "missing 'ground_truth' (or pass --dataset to join gold answers by id)");
        return QaTask.SplitAnswers(truth) is { Count: > 0 } split ? split : [truth];
    }

    private static string? Text(JsonElement row, string field) =>
        row.TryGetProperty(field, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;
}
