using Memento.Core.Config;
using Memento.Core.Plugins;

namespace Memento.Tools.Builtin;

/// <summary>
/// One built-in tool as the registry knows it: its name in <c>tools.builtin</c>, a doc line, its settings record read
/// from <c>tools.&lt;name&gt;</c> (defaults, ranges and doc lines in the record's binder), and the factory that turns the
/// kind's own bound record and the run's <see cref="ToolServices"/> into instances. A tool that touches files takes the
/// episode's <see cref="ToolScope"/> and is made per episode; the others are made once per run and shared
/// (<see cref="Scoped"/> false, the scope argument is then null).
/// </summary>
public sealed record BuiltinToolKind(string Name, string Doc, bool Scoped, PluginSettings Settings, Func<object, ToolServices, Func<ToolScope?, ITool>> Create)
    : IPluginKind
{
    PluginSettings? IPluginKind.Settings => Settings;

    public Func<ExperimentConfig, IReadOnlyList<PluginEndpoint>>? Endpoints { get; init; }

    /// <summary>The JSON arguments of one tiny call the pre-flight makes (<see cref="ToolPreflight"/>) when the tool
    /// depends on a backend that can be down or missing; null: not checked that way.</summary>
    public string? Probe { get; init; }
}
