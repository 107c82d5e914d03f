using System.Text.Json.Nodes;
using Memento.Core.Results;
using Memento.Core.Scoring;

namespace Memento.Reports.Inspect;

/// <summary>One score memento reports, as an inspect scorer: its name, the per-episode value (null where the episode has
/// none) and the metrics over the scored episodes. Reward comes first: inspect's log list shows the first scorer's
/// first metric. Unscored episodes (no value) are in no metric's denominator.</summary>
internal sealed record InspectScore(string Name, string Scorer, Func<EpisodeRecord, JsonNode?> Value, Func<IReadOnlyList<EpisodeRecord>, IReadOnlyList<(string Name, double Value)>> Metrics)
{
    /// <summary>The scores a run has: reward, then EM (GAIA's quasi-exact match under <c>judge.kind: gaia</c>), F1
    /// (not for GAIA, where it repeats the verdict), PM when an LLM judge ruled, and the SimpleQA grade when graded.</summary>
    public static IReadOnlyList<InspectScore> Of(InspectRun run)
    {
        var judge = run.Value("judge.kind") ?? "deepresearcher";
        var reward = run.Value("judge.reward") ?? "em";
        var scores = new List<InspectScore>
        {
            new("reward", $"memento/reward ({reward})", e => e.Reward, rows => Accuracy(rows.Select(e => e.Reward).OfType<int>().Select(v => (double)v))),
            judge == "gaia"
                ? new("gaia_qem", "memento/gaia (quasi-exact match)", e => e.Em, rows => Accuracy(rows.Select(e => e.Em).OfType<int>().Select(v => (double)v)))
                : new("em", "memento/exact_match", e => e.Em, rows => Accuracy(rows.Select(e => e.Em).OfType<int>().Select(v => (double)v))),
        };
        if (judge != "gaia")
            scores.Add(new("f1", "memento/f1", e => e.F1, rows => Mean(rows.Select(e => e.F1).OfType<double>())));
        if (run.Episodes.Any(e => e.Pm is not null))
            scores.Add(new("pm", "memento/llm_judge (partial match)", e => e.Pm is { } pm ? (pm ? 1 : 0) : null,
                rows => Accuracy(rows.Where(e => e.Pm is not null).Select(e => e.Pm == true ? 1.0 : 0.0))));
        if (run.Episodes.Any(e => e.Grade.Length > 0))
            scores.Add(new("simpleqa", "memento/simpleqa_grader", e => e.Grade.Length > 0 ? e.Grade : null, SimpleQa));
        return scores;
    }

    private static IReadOnlyList<(string, double)> Accuracy(IEnumerable<double> values)
    {
        var list = values.ToList();
        return [("accuracy", list.Count == 0 ? 0 : list.Average()), ("stderr", StdErr(list))];
    }

    private static IReadOnlyList<(string, double)> Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return [("mean", list.Count == 0 ? 0 : list.Average()), ("stderr", StdErr(list))];
    }

    private static IReadOnlyList<(string, double)> SimpleQa(IReadOnlyList<EpisodeRecord> rows)
    {
        var m = SimpleQaMetrics.From(rows.Select(e => SimpleQaMetrics.FromName(e.Grade)).OfType<SimpleQaGrade>());
        return [("correct", m.Accuracy), ("accuracy_given_attempted", m.AccuracyGivenAttempted), ("f1", m.F1),
            ("incorrect", m.Total == 0 ? 0 : (double)m.Incorrect / m.Total), ("not_attempted", m.Total == 0 ? 0 : (double)m.NotAttempted / m.Total)];
    }

    /// <summary>The standard error of the mean, as inspect's <c>stderr()</c> metric computes it (sample sd / √n).</summary>
    private static double StdErr(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0;
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return Math.Sqrt(variance / values.Count);
    }
}
