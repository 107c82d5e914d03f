using System.Runtime.InteropServices;

namespace Memento.Tools.Sandbox;

/// <summary>The libc calls .NET has no managed form of: signal a process group, chown, and open a file relative to a
/// folder's handle without following symbolic links (openat, statx).</summary>
internal static class Native
{
    public const int SigKill = 9;

    [DllImport("libc", SetLastError = true)]
    public static extern int kill(int pid, int signal);

    [DllImport("libc", SetLastError = true)]
    public static extern int chown(string path, int owner, int group);

    [DllImport("libc", SetLastError = true)]
    public static extern int openat(int directory, string path, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern int statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
