using Memento.Core;
using Memento.Core.Results;

namespace Memento.Reports;

/// <summary>What a results folder holds, read from its files only: a sweep or an aggregate (<c>points.csv</c> naming
/// one run folder per grid point) or a single run (<c>episodes.csv</c> + <c>config.yaml</c>): see <see cref="SweepFolder"/> and <see cref="RunFolder"/>.</summary>
public sealed record ResultFolder(string Dir, string Name, bool IsSweep, IReadOnlyList<ResultPoint> Points)
{
    /// <summary>The registered read policies in the registry's order (<see cref="SeriesPalette"/>); the CLI passes
    /// them, so reports know no policy by name.</summary>
    public IReadOnlyList<string> PolicyOrder { get; init; } = [];

    public static ResultFolder Load(string dir, IReadOnlyList<string>? policyOrder = null)
    {
        var full = Path.GetFullPath(dir);
        if (!Directory.Exists(full)) throw MementoException.MissingFile(full, "results folder");
        var name = RunInfo.Read(full).Name;
        var sweep = new SweepFolder(full);
        if (File.Exists(sweep.Points))
        {
            var points = CsvFiles.Read<SweepPoint>(sweep.Points);
            if (points.Count == 0) throw new MementoException($"{sweep.Points}: no grid points");
            return new ResultFolder(full, name, true,
                points.Select(p => ReadPoint(sweep.Point(p.Folder), p.Series, p.Seed)).ToList()) { PolicyOrder = policyOrder ?? [] };
        }
        if (File.Exists(sweep.Root.Episodes))
        {
            var point = ReadPoint(sweep.Root, null, null);
            return new ResultFolder(full, name, false, [point]) { PolicyOrder = policyOrder ?? [] };
        }
        throw new MementoException(
            $"{full}: neither a sweep ({SweepFolder.PointsFile}) nor a run folder ({RunFolder.EpisodesFile}); give the folder 'memento run' or 'memento sweep' wrote");
    }

    /// <summary>Independent runs and sweeps compared in one table or figure: each point keeps its series, prefixed with
    /// its folder's config name (the folder's own name when two configs share one). One folder loads as itself.</summary>
    public static ResultFolder Load(IReadOnlyList<string> dirs, IReadOnlyList<string>? policyOrder = null)
    {
        if (dirs.Count == 0) throw new MementoException("give at least one results folder");
        if (dirs.Count == 1) return Load(dirs[0], policyOrder);
        var folders = dirs.Select(d => Load(d, policyOrder)).ToList();
        var names = folders.Select(f => f.Name).ToList();
        if (names.Distinct().Count() < names.Count) names = folders.Select(f => Path.GetFileName(f.Dir)).ToList();
        if (names.Distinct().Count() < names.Count) names = names.Select((n, i) => $"{n} ({i + 1})").ToList();
        var points = folders.SelectMany((f, i) => f.Points.Select(p => p with { Series = $"{names[i]}: {p.Series}" })).ToList();
        return new ResultFolder("", string.Join(" vs ", names), true, points) { PolicyOrder = policyOrder ?? [] };
    }

    /// <summary>Where a report of this folder goes: <paramref name="outDir"/>, else <paramref name="inside"/> of the
    /// folder; several folders compared have no folder of their own, so they need <paramref name="outDir"/>.</summary>
    internal string OutputDir(string? outDir, Func<RunFolder, string> inside) =>
        Path.GetFullPath(outDir ?? (Dir.Length > 0 ? inside(new RunFolder(Dir))
            : throw new MementoException("comparing several folders: give --out DIR for the combined output")));

    /// <summary>Series in display order (policies first in their fixed order), with their fixed colours.</summary>
    internal SeriesPalette Palette() => new(Points.Select(p => p.Series), PolicyOrder);

    public IReadOnlyList<int> Iterations =>
        Points.SelectMany(p => p.Episodes.Select(e => e.Iteration)).Distinct().Order().ToList();

    public bool HasLevels => Points.Any(p => p.Episodes.Any(e => e.Level.Length > 0));

    public bool HasPm => Points.Any(p => p.Episodes.Any(e => e.Pm is not null));

    public IReadOnlyList<int> Ks => Points.Where(p => p.K is not null).Select(p => p.K!.Value).Distinct().Order().ToList();

    /// <summary>The OOD convention: policy <c>none</c> beside at least one memory policy reading a preloaded bank
    /// (<c>memory.seed_bank</c>) that it does not grow (<c>memory.frozen: true</c>) — the bank was filled on other
    /// sources, and each series is compared with no memory on the sources evaluated here.</summary>
    public bool IsOod =>
        Points.Any(p => p.Policy == "none") && Points.Any(p => p.Policy != "none" && p.SeedBank is not null && p.Frozen);

    private static ResultPoint ReadPoint(RunFolder run, string? series, string? seed)
    {
        var episodes = CsvFiles.Read<EpisodeRecord>(run.Episodes);
        var info = RunInfo.Read(run.Dir);
        var policy = info.Policy ?? episodes.Select(e => e.Policy).FirstOrDefault(p => p.Length > 0) ?? "?";
        var k = info.K ?? (episodes.Count > 0 ? episodes[0].K : null);
        return new ResultPoint(run.Dir, series ?? $"policy={policy}", seed ?? info.Seed ?? "1", policy, k, info.Frozen, info.SeedBank,
            info.Attempts, episodes);
    }
}
