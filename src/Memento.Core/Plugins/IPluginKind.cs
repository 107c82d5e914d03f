namespace Memento.Core.Plugins;

/// <summary>What every registered kind declares: the name a config selects it by, a one-line doc, and the settings
/// it reads (none for kinds without knobs).</summary>
public interface IPluginKind
{
    string Name { get; }
    string Doc { get; }
    PluginSettings? Settings { get; }

    /// <summary>The network endpoints the kind calls under a resolved config (none when null), so the pre-flight can
    /// check every endpoint of a run without knowing the kinds.</summary>
    Func<Config.ExperimentConfig, IReadOnlyList<PluginEndpoint>>? Endpoints => null;
}
