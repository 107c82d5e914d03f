using Memento.Core;
using Memento.Core.Results;

namespace Memento.Cli.Running;

/// <summary>Claims an output folder: creates it, or replaces an earlier results folder of ours (one holding
/// <c>config.yaml</c> or <c>points.csv</c>: <see cref="SweepFolder.HoldsResults"/>); refuses any other non-empty folder rather than mix outputs into it.</summary>
public static class ResultsFolder
{
    public static string Prepare(string path, TextWriter log)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            if (!new SweepFolder(full).HoldsResults) throw new MementoException($"output folder {full} is not empty and holds no earlier results; choose another --out");
            log.WriteLine($"replacing earlier results in {full}");
            Directory.Delete(full, recursive: true);
        }
        Directory.CreateDirectory(full);
        return full;
    }

    public static string DefaultFor(string name) => Path.Combine("results", name);
}
