using System.CommandLine;
using System.Globalization;
using System.Text;
using Memento.Core;
using Memento.Core.Results;
using Memento.Core.Text;
using Memento.Learning;
using Memento.Reports;

namespace Memento.Cli.Commands;

/// <summary><c>memento offline-eval</c>: each read policy's scorer, per local encoder, ranking the logged cases of held-out
/// queries of Memento's retriever pairs against the outcome of the run that used them (<see cref="OfflineEvaluation"/>).</summary>
internal static class OfflineEvalCommand
{
    public const string CsvFile = "offline-eval.csv";
    public const string MarkdownFile = "offline-eval.md";

    public static Command Build()
    {
        var shared = new PairsOptions();
        var encoders = new Option<string>("--encoders") { Description = "Comma-separated memory.encoder kinds to evaluate each scorer with", DefaultValueFactory = _ => "tfidf,onnx" };
        var k = new Option<int>("--k") { Description = "Logged cases per query the top-K precision keeps (the run's read size)", DefaultValueFactory = _ => 4 };
        var output = new Option<string>("--out") { Description = "Folder for offline-eval.md, offline-eval.csv and each Q-network's metrics.json and qnet.pt", Required = true };
        var command = new Command("offline-eval", "Score each read policy's ranking of logged cases against the logged run's outcome, on held-out queries (a weak, confounded signal)");
        foreach (var option in shared.All) command.Options.Add(option);
        command.Options.Add(encoders);
        command.Options.Add(k);
        command.Options.Add(output);
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var ratio = shared.Ratio(parse);
            if (parse.GetValue(k) < 1) throw new MementoException($"--k {parse.GetValue(k)}: expected at least 1");
            var kinds = parse.GetValue(encoders)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            var built = new List<(string Kind, ITextEncoder? Encoder)>();
            var runtimes = new List<IDisposable?>();
            try
            {
                foreach (var kind in kinds)
                {
                    var experiment = shared.Experiment(parse, $"memory.encoder.kind={kind}");
                    var (encoder, runtime) = PairsOptions.Encoder(experiment);
                    runtimes.Add(runtime);
                    built.Add((kind, encoder));
                }
                var config = shared.Experiment(parse);
                var outDir = parse.GetValue(output)!;
                var training = new RetrieverTrainingOptions(parse.GetValue(shared.Pairs)!, outDir, config.Memory.Settings.Get<QNetConfig>(), ratio,
                    parse.GetValue(shared.Seed), parse.GetValue(shared.Epochs), Progress: Console.WriteLine);
                var networks = QNetConfig.FeatureKinds.Select(f => shared.Experiment(parse, $"memory.qnet.features={f}").Memory.Settings.Get<QNetConfig>()).ToList();
                var rows = OfflineEvaluation.Run(new OfflineEvalOptions(training, networks, config.Memory.Settings.Get<KernelConfig>(), built, parse.GetValue(k)));
                Directory.CreateDirectory(outDir);
                AtomicFile.Write(Path.Combine(outDir, CsvFile), temp => CsvFiles.Write(temp, rows));
                var markdown = Markdown(rows, training);
                AtomicFile.WriteAllText(Path.Combine(outDir, MarkdownFile), markdown);
                Console.WriteLine();
                Console.Write(markdown);
            }
            finally
            {
                foreach (var runtime in runtimes) runtime?.Dispose();
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>The table with a caption that says what the figures are and are not.</summary>
    public static string Markdown(IReadOnlyList<OfflineEvalRow> rows, RetrieverTrainingOptions training)
    {
        var first = rows[0];
        var sb = new StringBuilder();
        sb.AppendLine($"Offline evaluation on logged runs ({Path.GetFileName(training.PairsPath)}; split by query, seed {first.Seed}: " +
            $"{first.Queries} held-out queries, {first.Rows} rows; K = {first.K}). **A weak, confounded signal:** the label of a row is the outcome " +
            "of the logged run on its query, shared by all the query's cases, not a verdict on the case. Per-query top-K precision is therefore the " +
            "held-out positive rate for every scorer (no ranking within a query can change it); pooled top-K precision places the same number of " +
            "picks on the rows a scorer is most confident about across queries, i.e. one point of the ROC curve. Q-networks: trained on the training " +
            $"queries, last of {training.Epochs} epochs; kernel: one online pass over the training queries (γ = 0). Not an online result.");
        sb.AppendLine();
        string F(double value) => double.IsNaN(value) ? "undefined" : value.ToString("F4", CultureInfo.InvariantCulture);
        sb.Append(MarkdownTable.Render(["scorer", "encoder", "held-out AUC", $"per-query top-{first.K} precision", $"pooled top-{first.K} precision"],
            rows.Select(r => (IReadOnlyList<string>)[r.Scorer, r.Encoder, F(r.HeldOutAuc), F(r.PerQueryTopKPrecision), F(r.PooledTopKPrecision)])));
        return sb.ToString();
    }
}
