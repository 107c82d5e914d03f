namespace Memento.Core.Plugins;

/// <summary>What every registered kind declares: the name a config selects it by, a one-line doc, and the settings
/// it reads (none for kinds without knobs).</summary>
public interface IPluginKind
{
    string Name { get; }
    string Doc { get; }
    PluginSettings? Settings { get; }
}
