using System.Runtime.InteropServices;

namespace Memento.Tools.Sandbox;

/// <summary>The two libc calls .NET has no managed form of: signal a process group and chown.</summary>
internal static class Native
{
    public const int SigKill = 9;

    [DllImport("libc", SetLastError = true)]
    public static extern int kill(int pid, int signal);

    [DllImport("libc", SetLastError = true)]
    public static extern int chown(string path, int owner, int group);
}
