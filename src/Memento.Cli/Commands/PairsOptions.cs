using System.CommandLine;
using Memento.Cli.Running;
using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Text;
using Memento.Llm;

namespace Memento.Cli.Commands;

/// <summary>The options <c>train-retriever</c> and <c>offline-eval</c> share: Memento's pairs file, the query split,
/// epochs, and the config (file and <c>--set</c>) the networks and encoders come from.</summary>
internal sealed class PairsOptions
{
    public Option<string> Pairs { get; } = new("--pairs") { Description = "Memento training_data.jsonl: {query, case, case_label, plan, truth_label}", Required = true };
    public Option<string> SplitBy { get; } = new("--split-by") { Description = "Hold out whole queries (rows of a query share their label, so a row split leaks)", DefaultValueFactory = _ => "query" };
    public Option<double> ValRatio { get; } = new("--val-ratio") { Description = "Share of queries held out", DefaultValueFactory = _ => 0.2 };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the split, the weights and the minibatches", DefaultValueFactory = _ => 42 };
    public Option<int> Epochs { get; } = new("--epochs") { Description = "Passes over the training rows", DefaultValueFactory = _ => 5 };
    public Option<string?> Config { get; } = new("--config") { Description = "Take the networks' hyperparameters from this config's memory section" };
    public Option<string[]> Set { get; } = new("--set") { Description = "Override a config key, e.g. --set memory.qnet.hidden=64, --set memory.qnet.features=encoder, --set memory.encoder.kind=onnx", Arity = ArgumentArity.ZeroOrMore };

    public IEnumerable<Option> All => [Pairs, SplitBy, ValRatio, Seed, Epochs, Config, Set];

    /// <summary>The checked split ratio; only a query split is accepted.</summary>
    public double Ratio(ParseResult parse)
    {
        if (parse.GetValue(SplitBy) != "query")
            throw new MementoException("--split-by: only 'query' is supported; every row of a query carries the same label, so a row split puts the same query on both sides and leaks");
        var ratio = parse.GetValue(ValRatio);
        if (ratio is <= 0 or >= 1) throw new MementoException($"--val-ratio {ratio}: expected a number between 0 and 1");
        return ratio;
    }

    /// <summary>The config of <c>--config</c> with the <c>--set</c> overrides and then <paramref name="extra"/> applied.</summary>
    public ExperimentConfig Experiment(ParseResult parse, params string[] extra)
    {
        var tree = parse.GetValue(Config) is { } path ? YamlTree.LoadFile(path) : new Dictionary<string, object?>();
        tree.Remove("grid");
        YamlTree.ApplyOverrides(tree, [.. parse.GetValue(Set) ?? [], .. extra]);
        return ConfigLoader.FromTree(Plugins.All, tree).Config;
    }

    /// <summary>The encoder <c>memory.encoder</c> names as a run builds it, with the runtime that owns its cache; both
    /// null for <c>tfidf</c>, for which the trainer fits its own TF-IDF on the training side of the split.</summary>
    public static (ITextEncoder? Encoder, IDisposable? Runtime) Encoder(ExperimentConfig experiment)
    {
        if (experiment.Memory.Encoder == HashedTfIdfEncoder.Plugin.Name) return (null, null);
        var runtime = LlmFactory.RuntimeFor(experiment);
        try
        {
            return (ExperimentFactory.Encoder(experiment, [], runtime), runtime);
        }
        catch
        {
            runtime?.Dispose();
            throw;
        }
    }
}
