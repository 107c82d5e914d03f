using static Memento.Tools.Files.PathConfinement;

namespace Memento.Tools.Sandbox;

/// <summary>
/// What the code sees of the host's folders, set up by a script run as the root of the call's mount namespace before
/// the uid is dropped ($1 the workspace, then the command it becomes). Each covered folder gets a tmpfs of the call's
/// own: the folders every uid may write (<see cref="SharedWritable"/>, so the code's temporary files are its own) and
/// the folders to hide (<see cref="SandboxSettings.HiddenFolders"/>: by default the harness's working folder, whose
/// <c>datasets/</c> hold a benchmark's gold answers and whose <c>results/</c> hold other episodes' trajectories). A
/// workspace inside a covered folder would vanish with it, so it is bound first into another fresh tmpfs and moved
/// back to its own path after.
/// </summary>
internal static class MountView
{
    /// <summary>The folders that every uid may write to on a Debian host.</summary>
    private static readonly string[] SharedWritable = ["/tmp", "/var/tmp", "/dev/shm", "/run/lock"];

    /// <summary>Folders never hidden, nor any folder inside or holding them: the code needs the system to run.</summary>
    private static readonly string[] System = ["/usr", "/etc", "/dev", "/proc", "/bin", "/lib"];

    public static string Script(string workspace, SandboxSettings settings)
    {
        workspace = Path.GetFullPath(workspace);
        var hidden = Hidden(workspace, settings);
        var shared = SharedWritable.Where(Directory.Exists).Where(s => !hidden.Any(h => Within(s, h))).ToList();   // one inside a hidden folder is hidden with it
        var covered = shared.Concat(hidden).ToList();
        var staging = covered.Any(f => Within(workspace, f)) ? shared.First(f => !Within(workspace, f)) : null;
        string Tmpfs(string folder) => shared.Contains(folder)
            ? $"mount -t tmpfs -o size={settings.PrivateTmpBytes},mode=1777,nosuid,nodev memento-tmp {Quoted(folder)}"
            : $"mount -t tmpfs -o size=1m,mode=0755,nosuid,nodev memento-hidden {Quoted(folder)}";
        var lines = new List<string> { "set -e" };
        if (staging is not null)
        {
            lines.AddRange([Tmpfs(staging), $"mkdir {staging}/.workspace", $"mount --bind \"$1\" {staging}/.workspace"]);
            covered.Remove(staging);
        }
        lines.AddRange(covered.Select(Tmpfs));
        if (staging is not null)
            lines.AddRange(["mkdir -p \"$1\"", $"mount --move {staging}/.workspace \"$1\"", $"rmdir {staging}/.workspace"]);
        lines.AddRange(["cd \"$1\"", "shift", "exec \"$@\""]);
        return string.Join('\n', lines);
    }

    /// <summary>The folders hidden from code run in <paramref name="workspace"/>: the settings' folders that exist, less
    /// the system's and those inside the workspace or inside a shared folder (already covered), outermost only.</summary>
    public static IReadOnlyList<string> Hidden(string workspace, SandboxSettings settings)
    {
        var candidates = OutOfSight(workspace, settings).Where(f => !SharedWritable.Any(s => Within(f, s))).ToList();
        return candidates.Where(f => !candidates.Any(other => other != f && Within(f, other))).ToList();
    }

    /// <summary>The settings' folders the code cannot see: each that exists, is not the system's and not inside the
    /// workspace, whether its own tmpfs or a shared folder's covers it (the working folder of a clone in /tmp).</summary>
    public static IReadOnlyList<string> OutOfSight(string workspace, SandboxSettings settings)
    {
        workspace = Path.GetFullPath(workspace);
        return settings.HiddenFolders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f)))
            .Where(Directory.Exists)
            .Where(f => !System.Any(s => Within(s, f) || Within(f, s)))
            .Where(f => f == workspace || !Within(f, workspace))
            .Distinct().ToList();
    }

    private static string Quoted(string path) => "'" + path.Replace("'", "'\\''") + "'";
}
