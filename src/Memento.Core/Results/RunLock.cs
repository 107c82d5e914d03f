namespace Memento.Core.Results;

/// <summary>An exclusive lock on a run folder (<see cref="RunFolder.Lock"/>) held for the life of a run, so a second process
/// refuses to write into the same folder instead of interleaving with the first.</summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    public static RunLock Acquire(string runDir)
    {
        var path = new RunFolder(runDir).Lock;
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId + "\n"));
            stream.Flush();
            return new RunLock(stream);
        }
        catch (IOException)
        {
            throw new MementoException($"run folder {runDir} is in use by another memento process ({path})");
        }
    }

    // The file stays: deleting it would let two later processes lock two different files of one name.
    public void Dispose() => _stream.Dispose();
}
