using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Memento.Tools.Sandbox;
using Microsoft.Win32.SafeHandles;

namespace Memento.Tools.Files;

/// <summary>
/// A file or folder opened from its resolved path (<see cref="PathConfinement"/>) one component at a time, each with
/// <c>openat(..., O_NOFOLLOW)</c> from the handle of the folder before it. Between the check and the open, code in the
/// workspace may swap a checked folder for a symlink to somewhere else: the swapped-in symlink is then refused
/// (ELOOP/ENOTDIR) instead of followed, so what is read is what was checked. The final open has <c>O_NONBLOCK</c>, so a
/// FIFO swapped in never blocks the call.
/// </summary>
internal sealed class ConfinedFile : IDisposable
{
    private const int StatxType = 0x1, StatxSize = 0x200, AtEmptyPath = 0x1000;
    private const int ModeTypeMask = 0xF000, ModeRegular = 0x8000, ModeDirectory = 0x4000;
    private static readonly Flags Open = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm
        ? new Flags(NoFollow: 0x8000, Path: 0x200000, CloseOnExec: 0x80000, NonBlock: 0x800, NoTty: 0x100)
        : new Flags(NoFollow: 0x20000, Path: 0x200000, CloseOnExec: 0x80000, NonBlock: 0x800, NoTty: 0x100);

    private ConfinedFile(SafeFileHandle handle, int mode, long length, string path)
    {
        Handle = handle;
        IsDirectory = (mode & ModeTypeMask) == ModeDirectory;
        IsRegular = (mode & ModeTypeMask) == ModeRegular;
        Length = length;
        _path = path;
    }

    private readonly string _path;

    public SafeFileHandle Handle { get; }

    public bool IsDirectory { get; }

    /// <summary>A regular file (not a device, FIFO or socket).</summary>
    public bool IsRegular { get; }

    public long Length { get; }

    /// <summary>A path naming the opened folder itself (the process's link to the handle), for listing it.</summary>
    public string HandlePath => $"/proc/self/fd/{Handle.DangerousGetHandle()}";

    /// <summary>Opens <paramref name="resolved"/> (absolute, free of symlinks and <c>..</c> when it was checked);
    /// <paramref name="shown"/> is the name used in a refusal.</summary>
    public static ConfinedFile OpenResolved(string resolved, string shown)
    {
        var parts = resolved.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var folder = Native.openat(-100 /* AT_FDCWD */, "/", Open.Path | Open.CloseOnExec);
        if (folder < 0) throw Failed(shown);
        try
        {
            for (var i = 0; i < parts.Length - 1; i++)
            {
                var next = Native.openat(folder, parts[i], Open.Path | Open.NoFollow | Open.CloseOnExec);
                if (next < 0) throw Failed(shown);
                _ = Native.close(folder);
                folder = next;
            }
            var fd = parts.Length == 0
                ? Native.openat(folder, ".", Open.CloseOnExec)
                : Native.openat(folder, parts[^1], Open.NoFollow | Open.NonBlock | Open.NoTty | Open.CloseOnExec);
            if (fd < 0) throw Failed(shown);
            var handle = new SafeFileHandle(fd, ownsHandle: true);
            var stat = new byte[256];
            if (Native.statx(fd, "", AtEmptyPath, StatxType | StatxSize, stat) != 0)
            {
                var failed = Failed(shown);
                handle.Dispose();
                throw failed;
            }
            return new ConfinedFile(handle, BinaryPrimitives.ReadUInt16LittleEndian(stat.AsSpan(28)), (long)BinaryPrimitives.ReadUInt64LittleEndian(stat.AsSpan(40)), shown);
        }
        finally
        {
            _ = Native.close(folder);
        }
    }

    /// <summary>The whole file, read from the handle (never by path again).</summary>
    public byte[] ReadAll(CancellationToken cancellationToken)
    {
        var bytes = new byte[Length];
        var done = 0;
        while (done < bytes.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = RandomAccess.Read(Handle, bytes.AsSpan(done, Math.Min(bytes.Length - done, 1 << 20)), done);
            if (read == 0) throw new FileRefusedException($"'{_path}' became shorter while it was being read");
            done += read;
        }
        return bytes;
    }

    private static FileRefusedException Failed(string shown)
    {
        var errno = Marshal.GetLastPInvokeError();
        var why = errno switch
        {
            2 => "it does not exist",
            13 => "permission denied",
            20 or 40 => "a component changed into a symbolic link after the path was checked",
            _ => $"errno {errno}",
        };
        return new FileRefusedException($"'{shown}' could not be opened: {why}");
    }

    public void Dispose() => Handle.Dispose();

    private sealed record Flags(int NoFollow, int Path, int CloseOnExec, int NonBlock, int NoTty);
}
