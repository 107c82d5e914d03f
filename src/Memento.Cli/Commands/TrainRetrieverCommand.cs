using System.CommandLine;
using Memento.Learning;

namespace Memento.Cli.Commands;

/// <summary><c>memento train-retriever</c>: offline pretraining of the Q-network on Memento's retriever pairs, held-out
/// by query, with the AUC of plain cosine similarity on the same rows for comparison.</summary>
internal static class TrainRetrieverCommand
{
    public static Command Build()
    {
        var shared = new PairsOptions();
        var output = new Option<string>("--out") { Description = "Folder for metrics.json and the best qnet.pt (usable as memory.qnet.init)", Required = true };
        var command = new Command("train-retriever", "Pretrain the case-selection Q-network offline on Memento's retriever pairs");
        foreach (var option in shared.All) command.Options.Add(option);
        command.Options.Add(output);
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var ratio = shared.Ratio(parse);
            var experiment = shared.Experiment(parse);
            // tfidf: TF-IDF fitted on the training side of the split (the trainer's own); others as a run builds them.
            var (encoder, runtime) = PairsOptions.Encoder(experiment);
            using (runtime)
            {
                var result = RetrieverTrainer.Run(new RetrieverTrainingOptions(
                    parse.GetValue(shared.Pairs)!, parse.GetValue(output)!, experiment.Memory.Settings.Get<QNetConfig>(), ratio, parse.GetValue(shared.Seed), parse.GetValue(shared.Epochs),
                    Progress: Console.WriteLine, Encoder: encoder, EncoderKind: experiment.Memory.Encoder));
                Console.WriteLine($"best held-out AUC {result.ValAuc:F4} (epoch {result.BestEpoch}); cosine similarity on the same rows {result.ValAucCosine:F4}");
                Console.WriteLine($"metrics: {result.MetricsPath}");
                Console.WriteLine($"checkpoint: {result.CheckpointPath}");
            }
            return Task.FromResult(0);
        }));
        return command;
    }
}
