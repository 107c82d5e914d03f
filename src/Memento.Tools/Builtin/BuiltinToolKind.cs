using Memento.Core.Config;

namespace Memento.Tools.Builtin;

/// <summary>
/// One built-in tool as the config knows it: its name in <c>tools.builtin</c>, a one-line summary, and how its settings
/// under <c>tools.&lt;name&gt;</c> are read (defaults, ranges, unknown keys refused) into a factory of instances. A tool
/// that touches files takes the episode's <see cref="ToolScope"/> and is made per episode; the others are made once per
/// run and shared (<see cref="Scoped"/> false, the scope argument is then null).
/// </summary>
public sealed record BuiltinToolKind(string Name, string Summary, bool Scoped, Func<ConfigNode, Func<ToolScope?, ITool>> Bind);
