using System.Globalization;

namespace Memento.Tools.Sandbox;

/// <summary>
/// The process backend: <c>setsid prlimit ... -- [unshare -n --pid --fork --kill-child [--mount-proc] -- [sh -c MOUNTS sh
/// WORKSPACE]] [setpriv --reuid ... --no-new-privs] sh -c REPORT sh program ...</c>, with only what <see cref="SandboxCapabilities"/>
/// found working on this machine, and a clean environment. MOUNTS (<see cref="PrivateMounts"/>) gives the code a /tmp,
/// /var/tmp and /dev/shm of its own; the uid is the workspace's own (<see cref="SandboxWorkspace.UidOf"/>) unless the
/// settings ask for one shared uid. The small <c>sh</c> in front of the program (<see cref="Reporter"/>) is the PID
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

    public ProcessSandbox(ToolScope scope, SandboxSettings settings, SandboxCapabilities capabilities)
    {
        _scope = scope;
        _settings = settings;
        _capabilities = capabilities;
        var ownUid = capabilities.DropToUid is not null && settings.UidPerWorkspace;
        _uid = ownUid ? SandboxWorkspace.UidOf(scope.Workspace) : capabilities.DropToUid;
        SandboxWorkspace.Prepare(scope, _uid, @private: ownUid);
    }

    public string Isolation =>
        $"process: rlimits {(_capabilities.Rlimits ? "on" : "OFF")}, network {(_capabilities.NetworkUnshare is null ? "NOT isolated" : "namespace")}, " +
        $"uid {(_uid?.ToString(CultureInfo.InvariantCulture) ?? (_capabilities.RunsAsRoot ? "root" : "own"))}, " +
        $"/tmp {(_capabilities.PrivateMounts ? "private" : "SHARED")}";

    public Task<SandboxRun> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        LimitedProcess.RunAsync(Launcher(program, arguments), _scope.Workspace, Environment(), _settings, onTimeout: null, cancellationToken);

    /// <summary>The full command line, launchers first.</summary>
    public IReadOnlyList<string> Launcher(string program, IReadOnlyList<string> arguments)
    {
        var argv = new List<string> { "setsid" };
        if (_capabilities.Rlimits)
            argv.AddRange([
                "prlimit", $"--cpu={_settings.CpuSeconds}:{_settings.CpuSeconds + 1}", $"--as={_settings.MemoryBytes}", $"--fsize={_settings.FileSizeBytes}",
                $"--nofile={_settings.OpenFiles}", $"--nproc={_settings.Processes}", "--core=0", "--",
            ]);
        if (_capabilities.NetworkUnshare is { } unshare)
        {
            argv.AddRange(["unshare", unshare]);
            if (_capabilities.PidNamespace) argv.AddRange(["--pid", "--fork", "--kill-child"]);
            if (_capabilities.ProcMount) argv.Add("--mount-proc");
            argv.Add("--");
            if (_capabilities.PrivateMounts) argv.AddRange(["/bin/sh", "-c", PrivateMounts(_scope.Workspace, _settings.PrivateTmpBytes), "sh", Path.GetFullPath(_scope.Workspace)]);
        }
        if (_uid is { } uid)
            argv.AddRange(["setpriv", $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--"]);
        argv.AddRange(["/bin/sh", "-c", Reporter, "sh", program]);
        argv.AddRange(arguments);
        return argv;
    }

    /// <summary>Runs its arguments as a child and exits with its status (128 + signal when a signal ended it).</summary>
    public const string Reporter = "\"$@\"; exit $?";

    /// <summary>The folders that every uid may write to on a Debian host, each replaced by a tmpfs of the call's own.</summary>
    private static readonly string[] SharedWritable = ["/tmp", "/var/tmp", "/dev/shm", "/run/lock"];

    /// <summary>
    /// The script run as the mount namespace's root before the uid is dropped ($1 the workspace, then the command it
    /// becomes): a tmpfs over each of <see cref="SharedWritable"/>. A workspace under one of them would vanish under the
    /// new tmpfs, so it is bound first into another one's fresh tmpfs and moved back to its own path after.
    /// </summary>
    public static string PrivateMounts(string workspace, long bytes)
    {
        var folders = SharedWritable.Where(Directory.Exists).ToList();
        workspace = Path.GetFullPath(workspace);
        bool Holds(string folder) => workspace.StartsWith(folder + "/", StringComparison.Ordinal);
        string Tmpfs(string folder) => $"mount -t tmpfs -o size={bytes},mode=1777,nosuid,nodev memento-tmp {folder}";
        var staging = folders.Any(Holds) ? folders.First(f => !Holds(f)) : null;
        var lines = new List<string> { "set -e" };
        if (staging is not null)
        {
            lines.AddRange([Tmpfs(staging), $"mkdir {staging}/.workspace", $"mount --bind \"$1\" {staging}/.workspace"]);
            folders.Remove(staging);
        }
        lines.AddRange(folders.Select(Tmpfs));
        if (staging is not null)
            lines.AddRange(["mkdir -p \"$1\"", $"mount --move {staging}/.workspace \"$1\"", $"rmdir {staging}/.workspace"]);
        lines.AddRange(["cd \"$1\"", "shift", "exec \"$@\""]);
        return string.Join('\n', lines);
    }

    /// <summary>The child's whole environment: an allow-list, never the parent's variables.</summary>
    private Dictionary<string, string> Environment() => new()
    {
        ["PATH"] = _settings.Path,
        ["HOME"] = _scope.Workspace,
        ["LANG"] = _settings.Lang,
        ["TMPDIR"] = SandboxWorkspace.TmpOf(_scope),
    };
}
