using CsvHelper;
using Memento.Core.Scoring;

namespace Memento.Core.Results;

/// <summary>One row of the summary <c>memento score</c> writes beside the scored rows: all rows, then each source and
/// each GAIA level the rows carry (<c>source:nq</c>, <c>level:2</c>). Unscored rows (hidden answers) are left out.</summary>
[CsvRecord]
public sealed partial record ScoreGroupRow
{
    [CsvColumn("group")] public string Group { get; init; } = "";
    [CsvColumn("n")] public int N { get; init; }
    [CsvColumn("correct")] public int Correct { get; init; }
    [CsvColumn("correct_pct")] public double CorrectPct { get; init; }
    /// <summary>Mean set-F1 (DeepResearcher scorer); empty for GAIA.</summary>
    [CsvColumn("f1_pct")] public double? F1Pct { get; init; }

    public static IReadOnlyList<ScoreGroupRow> From(IReadOnlyList<PredictionScorer.Scored> scored)
    {
        var judged = scored.Where(s => !s.Unscored).ToList();
        var groups = new List<(string Name, List<PredictionScorer.Scored> Rows)> { ("all", judged) };
        groups.AddRange(judged.Where(s => s.Source is not null).GroupBy(s => s.Source!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ($"source:{g.Key}", g.ToList())));
        groups.AddRange(judged.Where(s => s.Level is not null).GroupBy(s => s.Level!.Value).OrderBy(g => g.Key)
            .Select(g => ($"level:{g.Key}", g.ToList())));
        return groups.Where(g => g.Rows.Count > 0).Select(g => new ScoreGroupRow
        {
            Group = g.Name,
            N = g.Rows.Count,
            Correct = g.Rows.Count(s => s.Correct),
            CorrectPct = 100.0 * g.Rows.Count(s => s.Correct) / g.Rows.Count,
            F1Pct = g.Rows.All(s => s.Row["f1"] is not null) ? 100 * g.Rows.Average(s => (double)s.Row["f1"]!) : null,
        }).ToList();
    }
}
