using System.ComponentModel;

namespace Memento.Tools.Sandbox;

/// <summary>Arguments of <c>run_shell</c>.</summary>
internal sealed record RunShellArgs([property: Description("Shell command line (bash) to run in the workspace.")] string Command);
