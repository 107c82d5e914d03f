using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Results;

namespace Memento.Reports;

/// <summary>What a results folder holds, read from its files only: a sweep or an aggregate (<c>points.csv</c> naming
/// one run folder per grid point) or a single run (<c>episodes.csv</c> + <c>config.yaml</c>).</summary>
public sealed record ResultFolder(string Dir, string Name, bool IsSweep, IReadOnlyList<ResultPoint> Points)
{
    public static ResultFolder Load(string dir)
    {
        var full = Path.GetFullPath(dir);
        if (!Directory.Exists(full)) throw MementoException.MissingFile(full, "results folder");
        var name = RunInfo.Read(full).Name;
        var pointsFile = Path.Combine(full, SweepReport.PointsFile);
        if (File.Exists(pointsFile))
        {
            var points = CsvFiles.Read<SweepPoint>(pointsFile);
            if (points.Count == 0) throw new MementoException($"{pointsFile}: no grid points");
            return new ResultFolder(full, name, true,
                points.Select(p => ReadPoint(Path.Combine(full, p.Folder), p.Series, p.Seed)).ToList());
        }
        if (File.Exists(Path.Combine(full, "episodes.csv")))
        {
            var point = ReadPoint(full, null, null);
            return new ResultFolder(full, name, false, [point]);
        }
        throw new MementoException(
            $"{full}: neither a sweep (points.csv) nor a run folder (episodes.csv); give the folder 'memento run' or 'memento sweep' wrote");
    }

    /// <summary>Series in display order (policies first in their fixed order), with their fixed colours.</summary>
    internal SeriesPalette Palette() => new(Points.Select(p => p.Series));

    public IReadOnlyList<int> Iterations =>
        Points.SelectMany(p => p.Episodes.Select(e => e.Iteration)).Distinct().Order().ToList();

    public bool HasLevels => Points.Any(p => p.Episodes.Any(e => e.Level.Length > 0));

    public bool HasPm => Points.Any(p => p.Episodes.Any(e => e.Pm.Length > 0));

    public IReadOnlyList<int> Ks => Points.Where(p => p.K is not null).Select(p => p.K!.Value).Distinct().Order().ToList();

    /// <summary>The OOD convention: policy <c>none</c> beside at least one memory policy reading a preloaded bank
    /// (<c>memory.seed_bank</c>) that it does not grow (<c>memory.frozen: true</c>) — the bank was filled on other
    /// sources, and each series is compared with no memory on the sources evaluated here.</summary>
    public bool IsOod =>
        Points.Any(p => p.Policy == "none") && Points.Any(p => p.Policy != "none" && p.SeedBank is not null && p.Frozen);

    private static ResultPoint ReadPoint(string runDir, string? series, string? seed)
    {
        var episodesPath = Path.Combine(runDir, "episodes.csv");
        var episodes = CsvFiles.Read<EpisodeRecord>(episodesPath);
        var configPath = Path.Combine(runDir, "config.yaml");
        var tree = File.Exists(configPath) ? YamlTree.LoadFile(configPath) : new Dictionary<string, object?>();
        var memory = tree.GetValueOrDefault("memory") as Dictionary<string, object?>;
        var schedule = tree.GetValueOrDefault("schedule") as Dictionary<string, object?>;
        var policy = memory?.GetValueOrDefault("policy") as string
                     ?? episodes.Select(e => e.Policy).FirstOrDefault(p => p.Length > 0) ?? "?";
        int? k = int.TryParse(memory?.GetValueOrDefault("k") as string, out var kv) ? kv
            : episodes.Count > 0 ? episodes[0].K : null;
        var frozen = memory?.GetValueOrDefault("frozen") as string is "true" or "True";
        var seedBank = memory?.GetValueOrDefault("seed_bank") as string is { Length: > 0 } b && b != "null" ? b : null;
        var attempts = int.TryParse(schedule?.GetValueOrDefault("attempts") as string, out var a) ? a : 1;
        return new ResultPoint(runDir, series ?? $"policy={policy}",
            seed ?? (tree.GetValueOrDefault("seed") as string ?? "1"), policy, k, frozen, seedBank, attempts, episodes);
    }
}
