using Memento.Core.Agents;
using Memento.Core.Config;
using Memento.Core.Memory;
using Memento.Core.Text;

namespace Memento.Core.Plugins;

/// <summary>Every kind a config can name, by category. The config binder, the composition root, reports and
/// <c>bench</c> read it, so a new kind is one registration line in the catalog the CLI builds.</summary>
public sealed class PluginCatalog(
    IReadOnlyList<Plugin<IReadPolicy>> policies, IReadOnlyList<Plugin<IAgent>> agents, IReadOnlyList<JudgePlugin> judges,
    IReadOnlyList<Plugin<ITextEncoder>> encoders, IReadOnlyList<DatasetReaderPlugin> datasets,
    IReadOnlyList<IPluginKind>? tools = null)
{
    public KindList<Plugin<IReadPolicy>> Policies { get; } = new("memory.policy", policies);
    public KindList<Plugin<IAgent>> Agents { get; } = new("agent.kind", agents);
    public KindList<JudgePlugin> Judges { get; } = new("judge.kind", judges);
    public KindList<Plugin<ITextEncoder>> Encoders { get; } = new("memory.encoder.kind", encoders);
    public KindList<DatasetReaderPlugin> Datasets { get; } = new("dataset.kind", datasets);

    /// <summary>The built-in tools <c>tools.builtin</c> may list. Their products live outside Core (Memento.Tools), so
    /// the catalog knows their names, docs and settings; the tools project builds them from the bound settings.</summary>
    public KindList<IPluginKind> Tools { get; } = new("tools.builtin", tools ?? []);

    /// <summary>Every endpoint the kinds a config selects will call: the agent's, the judge's, the encoder's and the
    /// built-in tools' (read_file's vision and audio models).</summary>
    public IReadOnlyList<PluginEndpoint> Endpoints(ExperimentConfig config) =>
        new IEnumerable<PluginEndpoint>?[]
        {
            Agents.Get(config.Agent.Kind).Endpoints?.Invoke(config),
            Judges.Get(config.Judge.Kind).Endpoints?.Invoke(config),
            Encoders.Get(config.Memory.Encoder).Endpoints?.Invoke(config),
        }.Concat((config.Tools?.Builtin ?? []).Select(name => Tools.Get(name).Endpoints?.Invoke(config)))
        .SelectMany(e => e ?? []).ToList();
}
