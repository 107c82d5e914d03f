using Memento.Core.Results;

namespace Memento.Reports;

/// <summary>The OOD protocol (paper Fig. 1d): per held-out source, F1 without memory (policy none), with each memory
/// series reading the frozen bank filled on other sources, and the difference.</summary>
internal static class OodTable
{
    public static PaperTable Build(ResultFolder folder)
    {
        var bySeries = PaperTables.BySeries(folder);
        var without = bySeries.First(s => s.Points.All(p => p.Policy == "none"));
        var withMemory = bySeries.Where(s => s.Points.All(p => p.Policy != "none")).ToList();
        var sources = EpisodeMetrics.OrderedSources(folder.Points.SelectMany(p => p.Episodes.Select(e => e.Source)));
        var useF1 = !folder.HasPm;
        Func<IReadOnlyCollection<EpisodeRecord>, SeedCell.Measure?> measure = useF1 ? EpisodeMetrics.F1 : EpisodeMetrics.Pm;
        var metric = useF1 ? "F1" : "PM";

        TableCell Cell(IReadOnlyList<ResultPoint> points, string? source) => SeedCell.Of(points.Select(p =>
            source is null ? measure(p.Final.ToList())
            : source == "" ? EpisodeMetrics.PlainMean(sources.Select(s => measure(PaperTables.Of(p.Final, s))).ToList())
            : measure(PaperTables.Of(p.Final, source))).ToList());

        var rows = new List<IReadOnlyList<TableCell>>();
        var keys = sources.Select(s => (Label: EpisodeMetrics.DisplayName(s), Key: (string?)s))
            .Append(("Avg (plain mean of sources)", "")).Append(("Avg (weighted by source size)", null));
        foreach (var (label, key) in keys)
        {
            var none = Cell(without.Points, key);
            var cells = new List<TableCell> { TableCell.Label(label), none };
            foreach (var (_, points) in withMemory)
            {
                var with = Cell(points, key);
                cells.Add(with);
                cells.Add(SeedCell.Delta(with, none));
            }
            rows.Add(cells);
        }
        var headers = new List<string> { "OOD source", $"{metric} without memory ({without.Series})" };
        foreach (var (series, _) in withMemory) headers.AddRange([$"{metric} with memory ({series})", $"Δ ({series})"]);
        var bank = folder.Points.First(p => p.SeedBank is not null).SeedBank;
        return new PaperTable("ood", $"{folder.Name}: out-of-distribution sources, with and without memory (paper Fig. 1d)",
            $"{metric} % at the final iteration on sources the case bank never saw, mean over seeds; {PaperTables.CiNote}; " +
            $"Δ = with − without, its ± is √(a² + b²) of the two intervals. The memory series read the frozen bank {bank} " +
            "(memory.frozen: true: no case written, no policy update during evaluation).",
            headers, rows, PaperTables.CountsNote);
    }
}
