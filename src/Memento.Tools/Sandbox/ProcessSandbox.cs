using System.Globalization;

namespace Memento.Tools.Sandbox;

/// <summary>
/// The process backend: <c>setsid prlimit ... -- [unshare -n --pid --fork --kill-child [--mount-proc] -- [sh -c MOUNTS sh
/// WORKSPACE]] [setpriv --reuid ... --no-new-privs] sh -c REPORT sh program ...</c>, with only what <see cref="SandboxCapabilities"/>
/// found working on this machine, and a clean environment. MOUNTS (<see cref="MountView"/>) gives the code a /tmp,
/// /var/tmp, /dev/shm and /run/lock of its own and hides the harness's working folder; the uid is the workspace's own
/// (<see cref="SandboxWorkspace.UidOf"/>) unless the settings ask for one shared uid. The small <c>sh</c> in front of the program (<see cref="Reporter"/>) is the PID
/// namespace's first process, so the program is an ordinary process there and dies of the signals the kernel sends at
/// its limits; the shell passes on its status (128 + signal), which <see cref="SandboxRun"/> names as the limit that
/// stopped the code. The CPU limit's hard value is one second above the soft one, so SIGXCPU (the CPU limit) comes first.
/// </summary>
internal sealed class ProcessSandbox : ISandbox
{
    private readonly ToolScope _scope;
    private readonly SandboxSettings _settings;
    private readonly SandboxCapabilities _capabilities;
    private readonly int? _uid;
    private readonly string? _mountScript;
    private readonly int _hiddenFolders;

    public ProcessSandbox(ToolScope scope, SandboxSettings settings, SandboxCapabilities capabilities)
    {
        _scope = scope;
        _settings = settings;
        _capabilities = capabilities;
        var ownUid = capabilities.DropToUid is not null && settings.UidPerWorkspace;
        _uid = ownUid ? SandboxWorkspace.UidOf(scope.Workspace) : capabilities.DropToUid;
        SandboxWorkspace.Prepare(scope, _uid, @private: ownUid);
        if (!capabilities.PrivateMounts) return;
        _mountScript = MountView.Script(scope.Workspace, settings);   // the workspace and settings are fixed: once, not per call
        _hiddenFolders = MountView.OutOfSight(scope.Workspace, settings).Count;
    }

    public string Isolation =>
        $"process: rlimits {(_capabilities.Rlimits ? "on" : "OFF")}, network {(_capabilities.NetworkUnshare is null ? "NOT isolated" : "namespace")}, " +
        $"uid {(_uid?.ToString(CultureInfo.InvariantCulture) ?? (_capabilities.RunsAsRoot ? "root" : "own"))}, " +
        (_mountScript is null ? "/tmp SHARED, nothing hidden" : $"/tmp private, {_hiddenFolders} folder(s) hidden");

    public Task<SandboxRun> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        LimitedProcess.RunAsync(Launcher(program, arguments), _scope.Workspace, Environment(), _settings, onTimeout: null, cancellationToken);

    /// <summary>The full command line, launchers first.</summary>
    public IReadOnlyList<string> Launcher(string program, IReadOnlyList<string> arguments)
    {
        var argv = new List<string> { "setsid" };
        if (_capabilities.Rlimits)
            argv.AddRange([
                "prlimit", $"--cpu={_settings.CpuSeconds}:{_settings.CpuHardSeconds}", $"--as={_settings.MemoryBytes}", $"--fsize={_settings.FileSizeBytes}",
                $"--nofile={_settings.OpenFiles}", $"--nproc={_settings.Processes}", "--core=0", "--",
            ]);
        if (_capabilities.NetworkUnshare is { } unshare)
        {
            argv.AddRange(["unshare", unshare]);
            if (_capabilities.PidNamespace) argv.AddRange(["--pid", "--fork", "--kill-child"]);
            if (_capabilities.ProcMount) argv.Add("--mount-proc");
            argv.Add("--");
            if (_mountScript is not null) argv.AddRange(["/bin/sh", "-c", _mountScript, "sh", Path.GetFullPath(_scope.Workspace)]);
        }
        if (_uid is { } uid)
            argv.AddRange(["setpriv", $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--"]);
        argv.AddRange(["/bin/sh", "-c", Reporter, "sh", program]);
        argv.AddRange(arguments);
        return argv;
    }

    /// <summary>Runs its arguments as a child and exits with its status (128 + signal when a signal ended it).</summary>
    public const string Reporter = "\"$@\"; exit $?";

    /// <summary>The child's whole environment: an allow-list, never the parent's variables.</summary>
    private Dictionary<string, string> Environment() => new()
    {
        ["PATH"] = _settings.Path,
        ["HOME"] = _scope.Workspace,
        ["LANG"] = _settings.Lang,
        ["TMPDIR"] = SandboxWorkspace.TmpOf(_scope),
    };
}
