using Memento.Core;
using Memento.Core.Results;

namespace Memento.Reports.Html;

/// <summary>Resolves the folders given to <c>memento report</c>: a run, a sweep or an aggregate is itself; any other
/// folder (the output of <c>scripts/reproduce-paper.sh</c>, say) stands for the result folders directly inside it.</summary>
internal static class ReportFolders
{
    public static IReadOnlyList<ResultFolder> Load(IReadOnlyList<string> dirs, IReadOnlyList<string>? policyOrder)
    {
        if (dirs.Count == 0) throw new MementoException("report: give at least one results folder");
        var folders = new List<ResultFolder>();
        foreach (var dir in dirs)
        {
            var full = Path.GetFullPath(dir);
            if (!Directory.Exists(full)) throw MementoException.MissingFile(full, "results folder");
            if (IsResults(full))
            {
                folders.Add(ResultFolder.Load(full, policyOrder));
                continue;
            }
            var children = Directory.EnumerateDirectories(full).Where(IsResults).Order(StringComparer.Ordinal).ToList();
            if (children.Count == 0)
                throw new MementoException($"{full}: neither a run folder (episodes.csv), a sweep (points.csv) nor a folder holding them; give a folder 'memento run' or 'memento sweep' wrote");
            folders.AddRange(children.Select(c => ResultFolder.Load(c, policyOrder)));
        }
        return folders;
    }

    private static bool IsResults(string dir) =>
        File.Exists(new SweepFolder(dir).Points) || File.Exists(new RunFolder(dir).Episodes);
}
