namespace Memento.Core.Plugins;

/// <summary>A registered kind that builds a <typeparamref name="T"/> (a read policy, agent or encoder) for one run.</summary>
public record Plugin<T>(string Name, string Doc, Func<PluginContext, T> Create) : IPluginKind
{
    public PluginSettings? Settings { get; init; }
}
