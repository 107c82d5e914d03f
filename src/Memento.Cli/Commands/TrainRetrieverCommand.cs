using Memento.Cli.Running;
using System.CommandLine;
using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Text;
using Memento.Learning;
using Memento.Llm;

namespace Memento.Cli.Commands;

/// <summary><c>memento train-retriever</c>: offline pretraining of the Q-network on Memento's retriever pairs, held-out
/// by query, with the AUC of plain cosine similarity on the same rows for comparison.</summary>
internal static class TrainRetrieverCommand
{
    public static Command Build()
    {
        var pairs = new Option<string>("--pairs") { Description = "Memento training_data.jsonl: {query, case, case_label, plan, truth_label}", Required = true };
        var splitBy = new Option<string>("--split-by") { Description = "Hold out whole queries (rows of a query share their label, so a row split leaks)", DefaultValueFactory = _ => "query" };
        var valRatio = new Option<double>("--val-ratio") { Description = "Share of queries held out", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, the weights and the minibatches", DefaultValueFactory = _ => 42 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training rows", DefaultValueFactory = _ => 5 };
        var config = new Option<string?>("--config") { Description = "Take the network's hyperparameters from this config's memory.qnet" };
        var set = new Option<string[]>("--set") { Description = "Override a config key, e.g. --set memory.qnet.hidden=64, --set memory.qnet.features=encoder, --set memory.encoder.kind=onnx", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--out") { Description = "Folder for metrics.json and the best qnet.pt (usable as memory.qnet.init)", Required = true };
        var command = new Command("train-retriever", "Pretrain the case-selection Q-network offline on Memento's retriever pairs")
        {
            pairs, splitBy, valRatio, seed, epochs, config, set, output,
        };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            if (parse.GetValue(splitBy) != "query")
                throw new MementoException("--split-by: only 'query' is supported; every row of a query carries the same label, so a row split puts the same query on both sides and leaks");
            var ratio = parse.GetValue(valRatio);
            if (ratio is <= 0 or >= 1) throw new MementoException($"--val-ratio {ratio}: expected a number between 0 and 1");
            var tree = parse.GetValue(config) is { } path ? YamlTree.LoadFile(path) : new Dictionary<string, object?>();
            tree.Remove("grid");
            YamlTree.ApplyOverrides(tree, parse.GetValue(set) ?? []);
            var experiment = ConfigLoader.FromTree(Plugins.All, tree).Config;
            // tfidf: TF-IDF fitted on the training side of the split (the trainer's own); others as a run builds them.
            var ownEncoder = experiment.Memory.Encoder == HashedTfIdfEncoder.Plugin.Name;
            using var runtime = ownEncoder ? null : LlmFactory.RuntimeFor(experiment);
            var encoder = ownEncoder ? null : ExperimentFactory.Encoder(experiment, [], runtime);
            var result = RetrieverTrainer.Run(new RetrieverTrainingOptions(
                parse.GetValue(pairs)!, parse.GetValue(output)!, experiment.Memory.Settings.Get<QNetConfig>(), ratio, parse.GetValue(seed), parse.GetValue(epochs),
                Progress: Console.WriteLine, Encoder: encoder, EncoderKind: experiment.Memory.Encoder));
            Console.WriteLine($"best held-out AUC {result.ValAuc:F4} (epoch {result.BestEpoch}); cosine similarity on the same rows {result.ValAucCosine:F4}");
            Console.WriteLine($"metrics: {result.MetricsPath}");
            Console.WriteLine($"checkpoint: {result.CheckpointPath}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
