using System.Text;
using Memento.Core;
using Memento.Core.Results;

namespace Memento.Reports;

/// <summary>Writes the report of one run folder next to its data: <c>table.md</c>, <c>learning_curve.png</c> and,
/// for learned policies that logged training, <c>qnet_training.png</c> or <c>kernel_training.png</c>.</summary>
public static class RunReport
{
    public static void Write(string runDir, IReadOnlyList<string>? policyOrder = null)
    {
        var run = new RunFolder(runDir);
        var rows = CsvFiles.Read<SummaryRow>(run.Summary);
        var info = RunInfo.Read(runDir);
        if (rows.Count == 0)
        {
            // Every episode was unscored (e.g. a GAIA test split, whose answers are hidden): nothing to tabulate or plot.
            AtomicFile.WriteAllText(run.Table,
                $"# {info.Name} — {info.PolicyAndK}\n\nNo scored episodes: every answer was left unscored " +
                $"(hidden answers or judge errors; see the judge_error column of {RunFolder.EpisodesFile}).\n" + Footer(runDir));
            return;
        }
        var all = rows.Where(r => r.Source == SummaryRow.AllSources).OrderBy(r => r.Iteration).ToList();
        if (all.Count == 0)
            throw new MementoException($"{run.Summary}: no rows for source '{SummaryRow.AllSources}'");

        AtomicFile.WriteAllText(run.Table, Table(info, rows, all) + Footer(runDir));
        RunCurveChart.Write(run.Curve, info, rows, all, policyOrder ?? []);

        if (run.TrainingHistory is var (csv, chart))
            QNetTrainingChart.Write(chart, info, CsvFiles.Read<TrainingHistoryRow>(csv));
    }

    /// <summary>The provenance under a table: which commit wrote the folder (the folder itself is where the table is).</summary>
    internal static string Footer(string dir) => $"\nSource: {Provenance.WrittenBy(dir)}.\n";

    private static string Table(RunInfo info, IReadOnlyList<SummaryRow> rows, IReadOnlyList<SummaryRow> all)
    {
        var sources = PerSourceColumns(rows);
        var graded = all.Any(a => a.SimpleQaCorrect is not null);
        var headers = new List<string> { "Iteration", "Accuracy % (correct/n)", "EM %", "F1 %" };
        if (graded) headers.AddRange(["SimpleQA correct / incorrect / not attempted", "SimpleQA acc. given attempted %", "SimpleQA F1 %"]);
        headers.AddRange(sources.Select(s => $"{s} acc. % (correct/n)"));

        var body = all.Select(a =>
        {
            var cells = new List<string>
            {
                a.Iteration.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Fmt.PctWithCount(a.AccuracyPct, a.Correct, a.N), Fmt.Pct(a.EmPct), Fmt.Pct(a.F1Pct),
            };
            if (graded)
                cells.AddRange(a.SimpleQaCorrect is null
                    ? ["–", "–", "–"]
                    : [$"{a.SimpleQaCorrect} / {a.SimpleQaIncorrect} / {a.SimpleQaNotAttempted}",
                       Fmt.Pct(a.SimpleQaAccuracyGivenAttemptedPct!.Value), Fmt.Pct(a.SimpleQaF1Pct!.Value)]);
            foreach (var source in sources)
            {
                var s = rows.FirstOrDefault(r => r.Iteration == a.Iteration && r.Source == source);
                cells.Add(s is null ? "–" : Fmt.PctWithCount(s.AccuracyPct, s.Correct, s.N));
            }
            return (IReadOnlyList<string>)cells;
        });

        var sb = new StringBuilder();
        sb.AppendLine($"# {info.Name} — {info.PolicyAndK}").AppendLine();
        sb.AppendLine("Accuracy, EM and F1 are pooled over all episodes of the iteration (each source weighted by its " +
                      "number of episodes, not a plain mean over sources)" +
                      (sources.Count > 0 ? "; per-source columns cover that source only." : "."))
          .AppendLine();
        sb.Append(MarkdownTable.Render(headers, body));
        return sb.ToString();
    }

    /// <summary>Per-source columns only add information when the run mixes sources; with one source they would
    /// repeat the pooled column.</summary>
    internal static IReadOnlyList<string> PerSourceColumns(IReadOnlyList<SummaryRow> rows)
    {
        var sources = rows.Select(r => r.Source).Where(s => s != SummaryRow.AllSources)
            .Distinct().Order(StringComparer.Ordinal).ToList();
        return sources.Count > 1 ? sources : [];
    }
}
