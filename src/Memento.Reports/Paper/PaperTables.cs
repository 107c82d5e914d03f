using Memento.Core.Results;

namespace Memento.Reports;

/// <summary>Builds every paper table that applies to a results folder: DeepResearcher F1/PM (no GAIA levels), GAIA
/// Pass@1/Pass@n (levels present), continual learning (more than one iteration), K sweep (memory.k varies) and OOD
/// (<see cref="ResultFolder.IsOod"/>), the Table 5 ablation ladder (an executor-only rung present), HLE's official
/// metrics (judge.kind hle) and the Figure 5-6 data (tool calls, tokens per task) of LLM runs.</summary>
internal static class PaperTables
{
    public static IReadOnlyList<PaperTable> Build(ResultFolder folder)
    {
        var tables = new List<PaperTable>();
        if (folder.HasLevels) tables.Add(GaiaTable.Build(folder));
        else tables.Add(DeepResearcherTable.Build(folder));
        if (folder.Iterations.Count > 1)
        {
            tables.Add(ContinualTable.PerIteration(folder));
            tables.Add(ContinualTable.Cumulative(folder));
        }
        if (folder.Ks.Count > 1) tables.AddRange(KSweepTable.Build(folder));
        if (folder.IsOod) tables.Add(OodTable.Build(folder));
        if (AblationTable.Applies(folder)) tables.Add(AblationTable.Build(folder));
        if (HleTable.Applies(folder)) tables.Add(HleTable.Build(folder));
        if (TrajectoryTables.Applies(folder)) tables.AddRange(TrajectoryTables.Build(folder));
        return tables;
    }

    /// <summary>Series in display order with their points (one per seed).</summary>
    internal static IReadOnlyList<(string Series, IReadOnlyList<ResultPoint> Points)> BySeries(ResultFolder folder) =>
        folder.Palette().Order
            .Select(s => (s, (IReadOnlyList<ResultPoint>)folder.Points.Where(p => p.Series == s).ToList()))
            .ToList();

    internal const string CountsNote = "Counts: the episodes behind each figure ((correct/n), or (n=episodes) beside a mean F1), summed over seeds.";

    internal const string CiNote = "± is the 95% CI over seeds (1.96 · sample sd / √seeds; none for one seed)";

    internal static List<EpisodeRecord> Of(IEnumerable<EpisodeRecord> episodes, string source) =>
        episodes.Where(e => e.Source == source).ToList();
}
