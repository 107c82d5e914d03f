using System.Text;

namespace Memento.Core.Results;

/// <summary>An exclusive lock on a run or sweep folder (<see cref="RunFolder.Lock"/>) held for the life of a run, so a
/// second process refuses to write into the same folder instead of interleaving with the first. The lock is the
/// operating system's (released when its process dies, however it dies); the file names its holder, so a file left by
/// a killed process is recognised as stale (<see cref="LeftBy"/>) and taken over.</summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _path;

    private RunLock(FileStream stream, string path, string? leftBy) => (_stream, _path, LeftBy) = (stream, path, leftBy);

    /// <summary>The holder a stale lock file named ("process 1234 on host node7"), which no longer held it when this lock
    /// was taken (it was killed, or its node went down); null when the folder had no lock file.</summary>
    public string? LeftBy { get; }

    /// <summary>One line saying a stale lock was taken over, or null when there was none.</summary>
    public string? StaleNote => LeftBy is { } holder
        ? $"note: {_path} was left by {holder}, which is no longer running (killed?); this process takes the folder over"
        : null;

    public static RunLock Acquire(string runDir)
    {
        var path = new RunFolder(runDir).Lock;
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            var previous = new StreamReader(stream, Encoding.ASCII, leaveOpen: true).ReadToEnd().Trim();
            stream.SetLength(0);
            stream.Write(Encoding.ASCII.GetBytes($"{Environment.ProcessId} {Environment.MachineName}\n"));
            stream.Flush();
            // A process that opened the file just before its holder deleted it (see Dispose) now locks a file no
            // longer in the folder: it must not count as holding the folder.
            if (!File.Exists(path)) { stream.Dispose(); throw new IOException("lock file removed while it was taken"); }
            return new RunLock(stream, path, Holder(previous));
        }
        catch (IOException)
        {
            throw new MementoException($"folder {runDir} is in use by another memento process ({path} is locked); wait for it to end, or stop it first");
        }
    }

    /// <summary>"process 1234 on host node7" from a lock file's "1234 node7" (older files hold the process id alone).</summary>
    private static string? Holder(string content)
    {
        if (content.Length == 0) return null;
        var parts = content.Split(' ', 2);
        return parts.Length == 2 ? $"process {parts[0]} on host {parts[1]}" : $"process {parts[0]}";
    }

    /// <summary>Removes the lock file while still holding it, then releases it: a finished or stopped run leaves no
    /// <c>run.lock</c> behind.</summary>
    public void Dispose()
    {
        try { File.Delete(_path); }
        catch (IOException) { } // a vanished folder: nothing left to unlock
        _stream.Dispose();
    }
}
