using System.Globalization;
using Memento.Core;
using Memento.Core.Results;

namespace Memento.Cli.Running;

/// <summary>
/// Claims an output folder without ever deleting what memento did not write. A new or empty folder is used as it is;
/// one holding a run or sweep (<see cref="SweepFolder.HoldsResults"/>) is refused with one line naming the ways on —
/// another <c>--out</c>, <c>--out auto</c>, <c>--overwrite</c>, and <c>--resume</c> when it is unfinished — as is any
/// other non-empty folder. <c>--overwrite</c> removes only the names memento writes (<see cref="RunFolder.WrittenNames"/>, and the
/// subfolders of a sweep's points), so a user's notes and folders beside them stay.
/// </summary>
internal static class ResultsFolder
{
    /// <summary>The <c>--out</c> value that asks for a fresh folder per run: <c>results/NAME-yyyy-MM-dd_HH-mm-ss</c>.</summary>
    public const string Auto = "auto";

    /// <param name="command">run, sweep or aggregate: run and sweep are named in the refusal's --resume hint.</param>
    public static string Prepare(string? outOption, string name, bool overwrite, string command)
    {
        if (outOption == Auto) return ClaimFresh(Path.GetFullPath(DefaultFor(name)), DateTime.Now);
        var full = Path.GetFullPath(outOption ?? DefaultFor(name));
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            if (!overwrite) throw Refusal(full, command);
            using (RunLock.Acquire(full)) { } // refuses a folder a running process is writing
            RemoveWritten(full);
        }
        Directory.CreateDirectory(full);
        return full;
    }

    /// <summary>Why a non-empty folder is not used, and the ways on: another folder, --overwrite, and --resume when the
    /// folder holds an unfinished run or sweep (a finished one, or an aggregate redone from its shards, has nothing to continue).</summary>
    private static MementoException Refusal(string full, string command)
    {
        var elsewhere = $"choose another --out (--out {Auto}: a fresh timestamped folder), or --overwrite to replace memento's files in it (other files are kept)";
        if (!new SweepFolder(full).HoldsResults)
            return new MementoException($"output folder {full} is not empty and holds no memento results; {elsewhere}");
        var record = Provenance.Read(new RunFolder(full).Provenance);
        var state = record?.ExitStatus ?? (new RunFolder(full).IsFinished ? RunStatus.Finished : "partial");
        var episodes = record is null ? [] : new[] { $"{record.Episodes} episodes" };
        if (state == RunStatus.Finished)
            return new MementoException($"output folder {full} holds a finished run or sweep{Parenthesised(episodes)}; to run it again, {elsewhere}");
        if (command == "aggregate")
            return new MementoException($"output folder {full} holds an unfinished run or sweep{Parenthesised(episodes)}; to run it again, {elsewhere}");
        return new MementoException($"output folder {full} holds an unfinished run or sweep{Parenthesised([state, .. episodes])}; " +
                                    $"continue it with `memento {command} --resume {full}`, {elsewhere}");
    }

    private static string Parenthesised(IReadOnlyList<string> parts) => parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";

    public static string DefaultFor(string name) => Path.Combine("results", name);

    /// <summary>STEM-TIME (e.g. results/NAME-2026-12-01_03-50-12), or STEM-TIME-2, -3… when another run took that second:
    /// the folder is claimed by creating its run.json exclusively, so two processes starting at once never share one.</summary>
    public static string ClaimFresh(string stemPath, DateTime now)
    {
        var stem = stemPath + "-" + now.ToString("yyyy-MM-dd_HH-mm-ss", CultureInfo.InvariantCulture);
        for (var i = 1; ; i++)
        {
            var candidate = i == 1 ? stem : $"{stem}-{i}";
            if (Directory.Exists(candidate)) continue;
            Directory.CreateDirectory(candidate);
            try
            {
                using (new FileStream(new RunFolder(candidate).Provenance, FileMode.CreateNew)) { }
                return candidate;
            }
            catch (IOException) when (File.Exists(new RunFolder(candidate).Provenance)) { }
        }
    }

    /// <summary>Deletes memento's names in <paramref name="dir"/> (temp files of interrupted atomic writes included),
    /// then the same inside each subfolder that holds a run, removing such a subfolder only when nothing else is left.</summary>
    private static void RemoveWritten(string dir)
    {
        foreach (var name in RunFolder.WrittenNames.Concat([SweepFolder.PointsFile, SweepFolder.ShardFile]).SelectMany(n => new[] { n, n + ".tmp" }))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path)) File.Delete(path);
            else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        foreach (var sub in Directory.EnumerateDirectories(dir).ToList())
        {
            if (!new SweepFolder(sub).HoldsResults) continue;
            RemoveWritten(sub);
            if (!Directory.EnumerateFileSystemEntries(sub).Any()) Directory.Delete(sub);
        }
    }
}
