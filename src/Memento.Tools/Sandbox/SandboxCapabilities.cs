using System.Collections.Concurrent;

namespace Memento.Tools.Sandbox;

/// <summary>
/// Which isolation holds on this machine, found by running the launchers once (not by reading versions): the process
/// backend uses exactly these, and <see cref="Lines"/> says plainly what holds and what does not.
/// </summary>
/// <param name="Rlimits">prlimit works: CPU, address space, file size and open-file limits hold.</param>
/// <param name="NetworkUnshare">The unshare arguments that give a child its own empty network namespace ("-n" or "-rn"); null when none works.</param>
/// <param name="NetworkDetail">How the network probe went, in words.</param>
/// <param name="PidNamespace">unshare can also give a new PID namespace killed with its first process, so no descendant outlives a call.</param>
/// <param name="ProcMount">unshare can also mount a fresh /proc for that PID namespace, so the code sees only its own processes.</param>
/// <param name="PrivateMounts">In that mount namespace the launcher can mount a tmpfs of its own over /tmp and bind the workspace, so
/// the code's temporary files are its own and the host's /tmp is out of its reach.</param>
/// <param name="DropToUid">The uid the code runs as when the harness is root (setpriv works); null when it keeps the harness's uid.</param>
/// <param name="RunsAsRoot">The harness runs as root.</param>
/// <param name="ContainerEngine">"docker" or "podman" when one answers with a running engine; null otherwise.</param>
/// <param name="ContainerDetail">How the engine probe went, in words.</param>
internal sealed record SandboxCapabilities(
    bool Rlimits, string? NetworkUnshare, string NetworkDetail, bool PidNamespace, bool ProcMount, bool PrivateMounts, int? DropToUid, bool RunsAsRoot,
    string? ContainerEngine, string ContainerDetail)
{
    private static readonly ConcurrentDictionary<int, Lazy<SandboxCapabilities>> Probed = new();

    /// <summary>This machine's capabilities for the default settings, probed once per process.</summary>
    public static SandboxCapabilities Current => For(new SandboxSettings().RunAsUid);

    /// <summary>This machine's capabilities when root drops to <paramref name="runAsUid"/>, probed once per process and uid.</summary>
    public static SandboxCapabilities For(int? runAsUid) =>
        Probed.GetOrAdd(runAsUid ?? -1, _ => new Lazy<SandboxCapabilities>(() => Probe(runAsUid))).Value;

    /// <summary>Probes this machine; <paramref name="runAsUid"/> is the uid to drop to when running as root.</summary>
    public static SandboxCapabilities Probe(int? runAsUid)
    {
        var rlimits = CommandProbe.Run("prlimit", "--cpu=5", "--as=1073741824", "--", "true").Ok;
        string? unshare = null;
        var networkDetail = "";
        foreach (var flag in new[] { "-n", "-rn" })
        {
            var (ok, detail) = CommandProbe.Run("unshare", flag, "--", "true");
            networkDetail += $"unshare {flag}: {(ok ? "works" : detail)}; ";
            if (!ok) continue;
            unshare = flag;
            break;
        }
        var pid = unshare is not null && CommandProbe.Run("unshare", unshare, "--pid", "--fork", "--kill-child", "--", "true").Ok;
        var proc = pid && CommandProbe.Run("unshare", unshare!, "--pid", "--fork", "--kill-child", "--mount-proc", "--", "true").Ok;
        var mounts = proc && CommandProbe.Run("unshare", unshare!, "--pid", "--fork", "--kill-child", "--mount-proc", "--",
            "/bin/sh", "-c", "mount -t tmpfs -o size=1m memento-probe /tmp && mount --bind /tmp /tmp").Ok;
        var root = Environment.IsPrivilegedProcess;
        int? drop = root && runAsUid is { } uid && CommandProbe.Run("setpriv", $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--no-new-privs", "--", "true").Ok
            ? uid
            : null;
        var (engine, engineDetail) = FindEngine();
        return new SandboxCapabilities(rlimits, unshare, networkDetail.TrimEnd(' ', ';'), pid, proc, mounts, drop, root, engine, engineDetail);
    }

    /// <summary>One line per guarantee of the process backend: what holds here and what does not.</summary>
    public IEnumerable<string> Lines()
    {
        string Holds(bool holds) => holds ? "holds" : "DOES NOT HOLD";
        yield return "clean environment (PATH, HOME, LANG, TMPDIR only; no parent variables or keys): holds";
        yield return "wall-clock timeout, whole process group killed: holds" +
                     (PidNamespace ? "; a PID namespace also kills descendants that leave the group" : "; a descendant that calls setsid can escape it");
        yield return $"CPU seconds, address space, file size, open files (prlimit): {Holds(Rlimits)}";
        yield return $"process count (RLIMIT_NPROC): " + (DropToUid is { } uid ? $"holds (code runs as uid {uid})"
            : RunsAsRoot ? "DOES NOT HOLD (code runs as root, which the kernel exempts)" : "holds");
        yield return "stdout/stderr caps (reading stops and the group is killed): holds";
        yield return $"no network (empty network namespace): {Holds(NetworkUnshare is not null)} ({NetworkDetail})";
        yield return $"process list (a fresh /proc for the PID namespace): {Holds(ProcMount)}";
        yield return $"a private /tmp, /var/tmp, /dev/shm and /run/lock (a tmpfs of its own in a mount namespace; the host's are out of reach): {Holds(PrivateMounts)}";
        yield return $"the harness's working folder (datasets with gold answers, results, caches) hidden by an empty tmpfs: {Holds(PrivateMounts)}";
        yield return "workspaces private to each other (a uid per workspace, mode 0700): " + (DropToUid is not null ? "holds"
            : RunsAsRoot ? "DOES NOT HOLD (setpriv does not work: code runs as root)" : "DOES NOT HOLD (not run as root: every workspace has the harness's uid)");
        yield return "rest of the file system: NOT isolated — the code reads what its uid may read (world-readable files outside the hidden folders)";
        yield return $"container backend: {(ContainerEngine is null ? "unavailable" : "available")} ({ContainerDetail})";
    }

    private static (string? Engine, string Detail) FindEngine()
    {
        var details = new List<string>();
        foreach (var (engine, version) in new[] { ("docker", "{{.ServerVersion}}"), ("podman", "{{.Version.Version}}") })
        {
            var (ok, detail) = CommandProbe.Run(engine, "info", "--format", version);
            if (ok) return (engine, $"{engine} engine {detail}");
            details.Add(detail);
        }
        return (null, "no working engine: " + string.Join("; ", details));
    }
}
