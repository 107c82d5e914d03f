using System.ComponentModel;

namespace Memento.Tools.Sandbox;

/// <summary>Arguments of <c>run_python</c>.</summary>
internal sealed record RunPythonArgs([property: Description("Python 3 source to run; print what you want to see.")] string Code);
