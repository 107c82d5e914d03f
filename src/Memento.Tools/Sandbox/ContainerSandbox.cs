using Memento.Core;

namespace Memento.Tools.Sandbox;

/// <summary>
/// The container backend: <c>docker|podman run --rm --network none --memory --pids-limit</c> with the workspace
/// mounted at /workspace. Only offered when <see cref="SandboxCapabilities.ContainerEngine"/> found a running engine.
/// </summary>
internal sealed class ContainerSandbox : ISandbox
{
    private readonly ToolScope _scope;
    private readonly SandboxSettings _settings;
    private readonly string _engine;

    public ContainerSandbox(ToolScope scope, SandboxSettings settings, SandboxCapabilities capabilities)
    {
        _engine = capabilities.ContainerEngine
                  ?? throw new MementoException($"sandbox backend 'container' needs a running docker or podman engine: {capabilities.ContainerDetail}");
        _scope = scope;
        _settings = settings;
        SandboxWorkspace.Prepare(scope, owner: null);
    }

    public string Isolation => $"container ({_engine}, {_settings.ContainerImage}): network none";

    public Task<SandboxRun> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var name = $"memento-sandbox-{Guid.NewGuid():N}";
        return LimitedProcess.RunAsync(Launcher(name, program, arguments), _scope.Workspace, new Dictionary<string, string> { ["PATH"] = _settings.Path },
            _settings, onTimeout: () => Task.Run(() => CommandProbe.Run(_engine, "kill", name)), cancellationToken);
    }

    /// <summary>The engine command line; the container is named so a timeout can kill it, not only the CLI.</summary>
    public IReadOnlyList<string> Launcher(string name, string program, IReadOnlyList<string> arguments) =>
    [
        "setsid", _engine, "run", "--rm", "--name", name, "--network", "none",
        "--memory", _settings.MemoryBytes.ToString(), "--pids-limit", _settings.Processes.ToString(),
        "--ulimit", $"cpu={_settings.CpuSeconds}", "--ulimit", $"fsize={_settings.FileSizeBytes}",
        "--ulimit", $"nofile={_settings.OpenFiles}:{_settings.OpenFiles}",
        "-v", $"{_scope.Workspace}:/workspace", "-w", "/workspace",
        "-e", "HOME=/workspace", "-e", "TMPDIR=/workspace/tmp", "-e", $"LANG={_settings.Lang}",
        _settings.ContainerImage, program, .. arguments,
    ];
}
