namespace Memento.Tools.Sandbox;

/// <summary><c>run_python(code)</c>: Python 3 in the episode's workspace, under the sandbox's limits.</summary>
internal sealed class RunPythonTool(ToolScope scope, SandboxSettings settings, SandboxCapabilities? capabilities = null)
    : SandboxTool<RunPythonArgs>(scope, settings, capabilities)
{
    private readonly string _python = settings.Python;

    public override string Name => "run_python";

    public override string Description =>
        "Run Python 3 code in this task's workspace folder, which holds a read-only copy of each file attached to the task " +
        "(files written there persist for later calls and read_file). " +
        "Returns exit code, stdout and stderr. Time, memory and output are limited; there is no network access when the machine allows isolating it.";

    protected override string AttachmentUse => "run_python finds a read-only copy in its working folder: open(\"{0}\")";

    protected override Task<ToolOutput> RunAsync(RunPythonArgs arguments, CancellationToken cancellationToken) =>
        RunCodeAsync(_python, "-c", arguments.Code, cancellationToken);
}
