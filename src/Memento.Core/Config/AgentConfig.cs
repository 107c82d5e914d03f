using Memento.Core.Plugins;

namespace Memento.Core.Config;

/// <summary>The agent box: the kind that answers (<c>agent.kind</c>) and the bound settings of every agent kind
/// (<see cref="KindSettings.Get{T}"/>).</summary>
public sealed record AgentConfig(string Kind, KindSettings Settings);
