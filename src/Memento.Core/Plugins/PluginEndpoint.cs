namespace Memento.Core.Plugins;

/// <summary>An endpoint a selected kind will call under a resolved config: its role in the run (<c>planner</c>,
/// <c>executor</c>, <c>judge</c>, <c>embeddings</c>), where it is served, and whether it is called on
/// <c>/embeddings</c> rather than <c>/chat/completions</c>. The pre-flight lists and checks these.</summary>
public sealed record PluginEndpoint(string Role, LlmEndpoint Endpoint, bool Embeddings = false);
