using Memento.Core;

namespace Memento.Tools.Sandbox;

/// <summary>
/// The episode workspace on disk: created with its <c>tmp/</c> before code runs (owned by the sandbox uid when the
/// code does not run as the harness's uid), kept afterwards for inspection unless <see cref="SandboxSettings.Cleanup"/>.
/// </summary>
internal static class SandboxWorkspace
{
    /// <summary>Creates the workspace and its tmp folder; <paramref name="owner"/> is the uid that must be able to write them.</summary>
    public static void Prepare(ToolScope scope, int? owner)
    {
        foreach (var folder in new[] { scope.Workspace, TmpOf(scope) })
        {
            Directory.CreateDirectory(folder);
            if (owner is { } uid && Native.chown(folder, uid, uid) != 0)
                throw new MementoException($"could not give the sandbox workspace {folder} to uid {uid} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
        }
    }

    /// <summary>Ends the episode's use of the workspace: removes it when the settings say so.</summary>
    public static void Release(ToolScope scope, SandboxSettings settings)
    {
        if (settings.Cleanup && Directory.Exists(scope.Workspace)) Directory.Delete(scope.Workspace, recursive: true);
    }

    /// <summary>The workspace's temporary folder (TMPDIR of the child).</summary>
    public static string TmpOf(ToolScope scope) => Path.Join(scope.Workspace, "tmp");
}
