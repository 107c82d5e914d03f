namespace Memento.Tools.Tests;

/// <summary>A fresh folder under the system temp folder, deleted on dispose (mode 0755, so a dropped-privilege sandbox can traverse it).</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Join(System.IO.Path.GetTempPath(), "memento-tools-" + Guid.NewGuid().ToString("N"))).FullName;

    public string Sub(string name) => Directory.CreateDirectory(System.IO.Path.Join(Path, name)).FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
