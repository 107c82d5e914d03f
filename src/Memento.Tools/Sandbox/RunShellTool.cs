namespace Memento.Tools.Sandbox;

/// <summary><c>run_shell(command)</c>: a bash command line in the episode's workspace, under the sandbox's limits.</summary>
internal sealed class RunShellTool(ToolScope scope, SandboxSettings settings, SandboxCapabilities? capabilities = null)
    : SandboxTool<RunShellArgs>(scope, settings, capabilities)
{
    private readonly string _shell = settings.Shell;

    public override string Name => "run_shell";

    public override string Description =>
        "Run a bash command line in this task's workspace folder, which holds a read-only copy of each file attached to the task. " +
        "Returns exit code, stdout and stderr. " +
        "Time, memory and output are limited; there is no network access when the machine allows isolating it.";

    protected override string AttachmentUse => "run_shell finds a read-only copy in its working folder: \"{0}\"";

    protected override Task<ToolOutput> RunAsync(RunShellArgs arguments, CancellationToken cancellationToken) =>
        RunCodeAsync(_shell, "-c", arguments.Command, cancellationToken);
}
