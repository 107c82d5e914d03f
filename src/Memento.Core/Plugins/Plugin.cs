using Memento.Core.Config;

namespace Memento.Core.Plugins;

/// <summary>A registered kind that builds a <typeparamref name="T"/> (a read policy, agent or encoder) for one run.</summary>
public record Plugin<T>(string Name, string Doc, Func<PluginContext, T> Create) : IPluginKind
{
    public PluginSettings? Settings { get; init; }

    /// <summary>The network endpoints the kind calls under a resolved config (none when null), so the pre-flight can
    /// check every endpoint of a run without knowing the kinds.</summary>
    public Func<ExperimentConfig, IReadOnlyList<PluginEndpoint>>? Endpoints { get; init; }
}
