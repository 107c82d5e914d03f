namespace Memento.Core.Results;

/// <summary>Writes a file so that readers see the old content or the new, never a torn one: write a temp file
/// beside it, flush it to disk, rename it over the target.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<string> writeTo)
    {
        var temp = path + ".tmp";
        writeTo(temp);
        using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite)) stream.Flush(flushToDisk: true);
        File.Move(temp, path, overwrite: true);
    }

    public static void WriteAllText(string path, string text) => Write(path, temp => File.WriteAllText(temp, text));
}
