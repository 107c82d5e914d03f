namespace Memento.Tests;

/// <summary>Locations the tests read: the repository root and temp folders (the real datasets: <see cref="TestData"/>).</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "memento-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Memento.Experiments.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root (Memento.Experiments.sln) not found above " + AppContext.BaseDirectory);
    }
}
