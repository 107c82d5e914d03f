using System.CommandLine;
using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Data;
using Memento.Core.Results;
using Memento.Core.Scoring;
using Memento.Core.Tasks;

namespace Memento.Cli.Commands;

/// <summary><c>memento score --predictions FILE</c>: scores predictions made elsewhere with the official rules.</summary>
internal static class ScoreCommand
{
    public static Command Build()
    {
        var predictions = new Option<string>("--predictions") { Description = "JSONL of predictions (id|task_id|question, pred_answer|model_answer|prediction, ground_truth)", Required = true };
        var scorer = new Option<string>("--scorer") { Description = "gaia | deepresearcher | hle (judged predictions: the official judged_*.json, or JSONL with id, correct, confidence)", DefaultValueFactory = _ => "deepresearcher" };
        scorer.AcceptOnlyFromAmong("gaia", "deepresearcher", "hle");
        var dataset = new Option<string?>("--dataset") { Description = "Take gold answers (and sources, levels) from this dataset by id, else by question text (GAIA metadata.jsonl/.parquet, DeepResearcher .parquet/.jsonl)" };
        var output = new Option<string?>("--out") { Description = "Scored JSONL (default: <predictions>.scored.jsonl); with sources or levels, figures per group go beside it as .summary.csv" };
        var command = new Command("score", "Score predictions made elsewhere (Memento, DeepResearcher, GAIA submissions)") { predictions, scorer, dataset, output };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var path = parse.GetValue(predictions)!;
            var kind = parse.GetValue(scorer)!;
            if (kind == "hle") return Task.FromResult(ScoreHle(path, parse.GetValue(dataset)));
            var gold = parse.GetValue(dataset) is { } datasetPath ? GoldById(datasetPath, kind) : null;
            var scored = PredictionScorer.Score(path, kind, gold);
            var outPath = parse.GetValue(output) ?? Path.ChangeExtension(path, ".scored.jsonl");
            AtomicFile.Write(outPath, temp => File.WriteAllLines(temp, scored.Select(s => s.Row.ToJsonString())));
            var judged = scored.Where(s => !s.Unscored).ToList();
            var correct = judged.Count(s => s.Correct);
            var metric = kind == "gaia" ? "GAIA quasi-exact match" : "exact match";
            Console.WriteLine(judged.Count == 0 ? $"{metric}: no scored rows" : $"{metric}: {100.0 * correct / judged.Count:F1}% ({correct}/{judged.Count})");
            if (scored.Count > judged.Count)
                Console.WriteLine($"unscored: {scored.Count - judged.Count} rows whose gold answer is hidden (GAIA test split)");
            if (kind == "deepresearcher" && judged.Count > 0)   // over the scored rows only, like every figure
                Console.WriteLine($"F1: {100 * judged.Average(s => (double)s.Row["f1"]!):F1}% (mean over {judged.Count} rows)");
            var groups = ScoreGroupRow.From(scored);
            foreach (var g in groups.Skip(1))
                Console.WriteLine($"  {g.Group}: {g.CorrectPct:F1}% ({g.Correct}/{g.N})" + (g.F1Pct is { } f1 ? $", F1 {f1:F1}%" : ""));
            Console.WriteLine($"scores: {outPath}");
            if (groups.Count > 1)
            {
                var summaryPath = Path.ChangeExtension(outPath, ".summary.csv");
                AtomicFile.Write(summaryPath, temp => CsvFiles.Write(temp, groups));
                Console.WriteLine($"by source and level: {summaryPath}");
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>HLE's official metrics of judged predictions; with <c>--dataset</c> (the HLE file) by category too, and
    /// with the official denominator: every question of the dataset, a question without a judged prediction counting wrong.</summary>
    private static int ScoreHle(string path, string? datasetPath)
    {
        var judged = HleJudgedFile.Read(path);
        var categories = datasetPath is null ? null : DatasetLoader.Load(DatasetConfig.ForFile("hle", datasetPath), 0).ToDictionary(t => t.Id, t => t.Source);
        if (categories is not null && judged.Rows.FirstOrDefault(r => !categories.ContainsKey(r.Id)) is { Id: not null } stray)
            throw new MementoException($"{path}: question id '{stray.Id}' is not in the --dataset file {datasetPath}");
        if (judged.Missing.Count > 0)
            Console.WriteLine($"missing judge response: {judged.Missing.Count} entries (first: {judged.Missing[0]}), not counted as judged");
        void Report(string label, IReadOnlyList<HleJudged> rows, int? questions)
        {
            var m = HleMetrics.Compute(rows, questions);
            Console.WriteLine($"{label}: accuracy {m.Accuracy:0.00}% +/- {m.HalfWidth:0.00}% ({m.Correct}/{m.N}); " +
                (m.CalibrationError is { } e ? $"calibration error {e:0.#} (official, last bin not counted)" : $"calibration error not computed: {m.NotComputed}") +
                (m.CalibrationErrorAllBins is { } all ? $"; all bins {all:0.#}" : ""));
        }
        Report("HLE", judged.Rows.Select(r => r.Judged).ToList(), categories?.Count);
        if (categories is not null)
            foreach (var group in judged.Rows.GroupBy(r => categories[r.Id]).OrderBy(g => g.Key, StringComparer.Ordinal))
                Report($"  {group.Key}", group.Select(r => r.Judged).ToList(), categories.Values.Count(c => c == group.Key));
        return 0;
    }

    private static IReadOnlyDictionary<string, QaTask> GoldById(string path, string scorer)
    {
        var kind = scorer == "gaia" ? "gaia" : "deepresearcher";
        var tasks = DatasetLoader.Load(DatasetConfig.ForFile(kind, path), 0);
        var byId = new Dictionary<string, QaTask>();
        foreach (var task in tasks)
            if (!byId.TryAdd(task.Id, task)) throw new MementoException($"{path}: duplicate task id '{task.Id}'");
        return byId;
    }
}
