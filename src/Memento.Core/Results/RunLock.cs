namespace Memento.Core.Results;

/// <summary>An exclusive lock on a run folder (<see cref="RunFolder.Lock"/>) held for the life of a run, so a second process
/// refuses to write into the same folder instead of interleaving with the first.</summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _path;

    private RunLock(FileStream stream, string path) => (_stream, _path) = (stream, path);

    public static RunLock Acquire(string runDir)
    {
        var path = new RunFolder(runDir).Lock;
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId + "\n"));
            stream.Flush();
            // A process that opened the file just before its holder deleted it (see Dispose) now locks a file no
            // longer in the folder: it must not count as holding the folder.
            if (!File.Exists(path)) { stream.Dispose(); throw new IOException("lock file removed while it was taken"); }
            return new RunLock(stream, path);
        }
        catch (IOException)
        {
            throw new MementoException($"run folder {runDir} is in use by another memento process ({path})");
        }
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
