using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Memento.Core;
using Memento.Core.Results;
using Memento.Reports.Html;

namespace Memento.Reports.Inspect;

/// <summary><c>memento export inspect</c>: every run and sweep point of the given folders as an inspect evaluation log
/// in one log folder, with the <c>listing.json</c> that <c>inspect view bundle</c> writes beside its logs, so the folder
/// opens in inspect's viewer as a static site (and in <c>inspect view --log-dir</c>).</summary>
public static partial class InspectExport
{
    public const string ListingFile = "listing.json";

    public static IReadOnlyList<string> Formats => InspectLogFile.Formats;

    /// <summary>Writes one log per run or sweep point of <paramref name="dirs"/> into <paramref name="outDir"/>, then the
    /// folder's listing; returns the logs written.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<string> dirs, string outDir, string format)
    {
        if (!InspectLogFile.Formats.Contains(format)) throw MementoException.BadValue("--format", format, "eval or json");
        var folders = ReportFolders.Load(dirs, null);
        Directory.CreateDirectory(outDir);
        var written = new List<string>();
        foreach (var folder in folders)
            foreach (var point in folder.Points)
            {
                var label = folder.IsSweep ? $"{folder.Name} · {point.Series}, seed={point.Seed}" : folder.Name;
                var log = new InspectLog(InspectRun.Read(point, RunId(point.Dir), label));
                var path = Path.Combine(outDir, log.FileName(format));
                InspectLogFile.Write(log, path, format);
                written.Add(path);
            }
        WriteListing(outDir);
        return written;
    }

    /// <summary>Writes <see cref="RunFolder.InspectLog"/> into a run folder as its run finishes (its <c>run.json</c>
    /// still says running: the log says it ended now).</summary>
    public static void WriteRun(string runDir)
    {
        var folder = ResultFolder.Load(runDir);
        var run = InspectRun.Read(folder.Points[0], RunId(runDir), folder.Name);
        var log = new InspectLog(run with { Record = (run.Record ?? new Provenance()) with { ExitStatus = RunStatus.Finished, Ended = DateTimeOffset.Now } });
        InspectLogFile.Write(log, new RunFolder(runDir).InspectLog, InspectLogFile.Eval);
    }

    /// <summary>inspect's run id: one per <c>memento run</c>, and one per sweep shared by its points (a point's parent
    /// folder holds the sweep's <c>config.yaml</c> with its <c>grid</c>).</summary>
    private static string RunId(string runDir)
    {
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(runDir)));
        var owner = parent is not null && IsSweep(parent) ? parent : Path.GetFullPath(runDir);
        var started = Provenance.Read(new RunFolder(owner).Provenance)?.Started.ToString("O") ?? "";
        return InspectRun.Id(owner, started, "run");
    }

    private static bool IsSweep(string dir)
    {
        var config = new RunFolder(dir).Config;
        return File.Exists(config) && File.ReadLines(config).Any(line => line.StartsWith("grid:", StringComparison.Ordinal));
    }

    /// <summary>inspect's <c>listing.json</c>: every log in the folder (and below it) by its path relative to the folder,
    /// with the overview inspect's <c>write_log_listing</c> gives it. A <c>.json</c> file counts as a log only when its
    /// name starts with a time, as in inspect.</summary>
    public static void WriteListing(string logDir)
    {
        var listing = new JsonObject();
        var logs = Directory.EnumerateFiles(logDir, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith("." + InspectLogFile.Eval, StringComparison.Ordinal)
                        || (f.EndsWith("." + InspectLogFile.Json, StringComparison.Ordinal) && TimedName().IsMatch(Path.GetFileName(f))))
            .OrderByDescending(File.GetLastWriteTimeUtc).ThenBy(f => f, StringComparer.Ordinal);
        foreach (var file in logs)
            if (InspectLogFile.ReadHeader(file) is { } header)
                listing[Path.GetRelativePath(logDir, file).Replace('\\', '/')] = InspectLog.Overview(header);
        AtomicFile.WriteAllText(Path.Combine(logDir, ListingFile), listing.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}[:-]\d{2}[:-]\d{2}")]
    private static partial Regex TimedName();
}
