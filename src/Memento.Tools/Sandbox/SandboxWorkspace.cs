using System.Security.Cryptography;
using System.Text;
using Memento.Core;

namespace Memento.Tools.Sandbox;

/// <summary>
/// The episode workspace on disk: created with its <c>tmp/</c> before code runs (owned by the sandbox uid when the
/// code does not run as the harness's uid). A run keeps or removes it when the episode ends (<c>tools.workspace.cleanup</c>,
/// <see cref="Adapters.EpisodeScopes"/>).
/// </summary>
internal static class SandboxWorkspace
{
    /// <summary>First uid of the per-workspace range; far above any account's uid and below 2^31, where tools stop coping.</summary>
    public const int FirstWorkspaceUid = 1_000_000_000;

    /// <summary>How many uids the per-workspace range holds (2^30).</summary>
    public const int WorkspaceUids = 1 << 30;

    /// <summary>
    /// Creates the workspace and its tmp folder; <paramref name="owner"/> is the uid that must be able to write them.
    /// A <paramref name="private"/> workspace is mode 0700: only its owner (and the harness, as root) can enter it.
    /// </summary>
    public static void Prepare(ToolScope scope, int? owner, bool @private = false)
    {
        foreach (var folder in new[] { scope.Workspace, TmpOf(scope) })
        {
            Directory.CreateDirectory(folder);
            if (owner is { } uid && Native.chown(folder, uid, uid) != 0)
                throw new MementoException($"could not give the sandbox workspace {folder} to uid {uid} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
        }
        if (@private && !OperatingSystem.IsWindows()) File.SetUnixFileMode(scope.Workspace, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>
    /// The uid of the code run in <paramref name="workspace"/>: a hash of its full path into a range of 2^30 uids, so the
    /// same workspace gets the same uid in every process (a resumed run, a second server on the same folder) and two
    /// workspaces share one with probability about n²/2^31 for n workspaces.
    /// </summary>
    public static int UidOf(string workspace)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(workspace)));
        return FirstWorkspaceUid + (int)(BitConverter.ToUInt32(hash, 0) % WorkspaceUids);
    }

    /// <summary>The workspace's temporary folder (TMPDIR of the child).</summary>
    public static string TmpOf(ToolScope scope) => Path.Join(scope.Workspace, "tmp");
}
