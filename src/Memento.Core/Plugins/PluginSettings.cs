using Memento.Core.Config;

namespace Memento.Core.Plugins;

/// <summary>The settings record of a plug-in kind and how to read it. <see cref="Section"/> names the sub-mapping the
/// keys live in (<c>memory.qnet</c>), or is null when they sit beside <c>kind</c> (<c>agent.planner_model</c>).
/// Kinds may share one instance (the two LLM judges): it is then read once.</summary>
/// <param name="Bind">Reads the record with <see cref="ConfigNode"/>'s getters; each getter call carries the key's
/// default, range and doc line, so they are written once, here.</param>
public sealed record PluginSettings(string? Section, Func<ConfigNode, object> Bind)
{
    /// <summary>Checks the bound record when its kind is the one selected, e.g. that a required path is set.</summary>
    public Action<object>? WhenSelected { get; init; }

    public static PluginSettings In(string section, Func<ConfigNode, object> bind) => new(section, bind);

    public static PluginSettings Beside(Func<ConfigNode, object> bind) => new(null, bind);
}
