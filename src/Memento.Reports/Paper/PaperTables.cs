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
        var final = ScoredNote(folder.Points.SelectMany(p => p.Episodes.Where(e => e.Iteration == p.FinalIteration)), "at the final iteration");
        if (folder.HasLevels) tables.Add(WithNote(GaiaTable.Build(folder), final));
        else tables.Add(WithNote(DeepResearcherTable.Build(folder), final));
        if (folder.Iterations.Count > 1)
        {
            var all = ScoredNote(folder.Points.SelectMany(p => p.Episodes), "over all iterations");
            tables.Add(WithNote(ContinualTable.PerIteration(folder), all));
            tables.Add(WithNote(ContinualTable.Cumulative(folder), all));
        }
        if (folder.Ks.Count > 1) tables.AddRange(KSweepTable.Build(folder).Select(t => WithNote(t, final)));
        if (folder.IsOod) tables.Add(WithNote(OodTable.Build(folder), final));
        if (AblationTable.Applies(folder)) tables.Add(WithNote(AblationTable.Build(folder), final));
        if (HleTable.Applies(folder)) tables.Add(WithNote(HleTable.Build(folder), final));
        if (TrajectoryTables.Applies(folder)) tables.AddRange(TrajectoryTables.Build(folder));
        return tables;
    }

    private static PaperTable WithNote(PaperTable table, string note) => table with { Note = $"{table.Note} {note}" };

    /// <summary>How many of the episodes behind a table were scored: every figure is over the scored ones only (an
    /// episode whose agent or judge failed, or whose gold answer is hidden, is in no denominator).</summary>
    internal static string ScoredNote(IEnumerable<EpisodeRecord> episodes, string where)
    {
        var list = episodes.ToList();
        var unscored = list.Where(e => !e.IsScored).ToList();
        if (unscored.Count == 0) return $"Scored: all {list.Count} episodes {where}.";
        var hidden = unscored.Count(e => e.ErrorKind.Length == 0);
        var why = string.Join(", ", new[] { SummaryRow.ByKind(unscored), hidden > 0 ? $"hidden answer={hidden}" : "" }.Where(w => w.Length > 0));
        return $"Scored: {list.Count - unscored.Count} of {list.Count} episodes {where}; the {unscored.Count} unscored ({why}) are in no figure's denominator.";
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
