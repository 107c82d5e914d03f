namespace Memento.Reports;

/// <summary>
/// The paper's Table 5 layout, the ablation ladder: one row per rung — Offline Executor (agent.mode offline-executor),
/// Online Executor (online-executor), Memento w/o CBR (the planner-executor with memory.policy none) and Memento (the
/// planner-executor reading cases) — with F1 and PM per source (HLE category, SimpleQA topic) and their averages, then
/// the paper's three deltas: tools (Online − Offline Executor), planning (Memento w/o CBR − Online Executor) and CBR
/// (Memento − Memento w/o CBR). Built when a folder holds an executor-only rung.
/// </summary>
internal static class AblationTable
{
    public const string Offline = "Offline Executor";
    public const string Online = "Online Executor";
    public const string WithoutCbr = "Memento w/o CBR";
    public const string Memento = "Memento";

    private static readonly string[] Ladder = [Offline, Online, WithoutCbr, Memento];

    /// <summary>The rung a run stands on, from its agent mode and memory policy; null for a run that is not an LLM agent.</summary>
    public static string? RungOf(ResultPoint point)
    {
        return (point.Facts.AgentKind, point.Facts.AgentMode) switch
        {
            (_, "offline-executor") => Offline,
            (_, "online-executor") => Online,
            ("llm", _) => point.Policy == "none" ? WithoutCbr : Memento,
            _ => null,
        };
    }

    public static bool Applies(ResultFolder folder) => folder.Points.Any(p => RungOf(p) is Offline or Online);

    public static PaperTable Build(ResultFolder folder)
    {
        var rungs = folder.Points.GroupBy(p => RungOf(p) ?? p.Series).OrderBy(g => Array.IndexOf(Ladder, g.Key) is var i && i >= 0 ? i : Ladder.Length)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ResultPoint>)g.ToList());
        var sources = EpisodeMetrics.OrderedSources(folder.Points.SelectMany(p => p.Episodes.Select(e => e.Source)));
        var headers = new List<string> { "Rung", "Seeds" };
        headers.AddRange(DeepResearcherTable.MeasureHeaders(sources));
        var rows = new List<IReadOnlyList<TableCell>>();
        var cells = new Dictionary<string, List<TableCell>>();
        foreach (var (rung, points) in rungs)
        {
            cells[rung] = DeepResearcherTable.Measures(points, sources).ToList();
            rows.Add([TableCell.Label(rung), TableCell.Label(points.Count.ToString()), .. cells[rung]]);
        }
        foreach (var (label, with, without) in new[]
                 {
                     ("Δ tools (Online − Offline Executor)", Online, Offline),
                     ("Δ planning (Memento w/o CBR − Online Executor)", WithoutCbr, Online),
                     ("Δ CBR (Memento − Memento w/o CBR)", Memento, WithoutCbr),
                 })
        {
            if (!cells.TryGetValue(with, out var a) || !cells.TryGetValue(without, out var b)) continue;
            rows.Add([TableCell.Label(label), TableCell.Label(""), .. a.Zip(b, SeedCell.Delta)]);
        }
        var order = EpisodeMetrics.PaperOrder(sources);
        var layout = order is null ? "F1 / PM by source" : $"{order.Benchmark} F1 / PM by {order.Group} (paper {(order == EpisodeMetrics.DeepResearcherTags ? "Table 5" : order.PaperTable)} layout)";
        var note = $"The ablation ladder: F1 and PM in % at the final iteration per rung, mean over seeds; {PaperTables.CiNote}. " +
                   "Offline Executor: the executor model alone (no planner, tools or memory); Online Executor: the executor with its tools; " +
                   "Memento w/o CBR: the planner-executor without memory; Memento: with case-based reasoning. Δ rows are differences of " +
                   "the means in points (± combines both intervals). PM is \"–\" when the run had no PM judge.";
        return new PaperTable("ablation", $"{folder.Name}: ablation ladder, {layout}", note, headers, rows,
            "Counts: (n=episodes) for F1, (judged correct/judged) for PM, summed over seeds.");
    }
}
