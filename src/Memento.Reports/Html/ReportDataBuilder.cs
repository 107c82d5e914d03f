using Memento.Core;
using Memento.Core.Memory;
using Memento.Core.Results;

namespace Memento.Reports.Html;

/// <summary>Reads the run folders of every compared folder into the page's <see cref="ReportData"/>: curves from the
/// same tables <c>memento table</c> prints, binned training histories, and every episode with the cases it read and,
/// for LLM episodes, its planner cycles. Also returns the memory diagnostics, which need the case banks read here.</summary>
internal sealed class ReportDataBuilder
{
    /// <summary>Training histories are drawn from at most this many bins per run (a run logs one row per episode).</summary>
    private const int TrainingBins = 300;

    private readonly StringTable _strings = new();
    private readonly TaskColumns _tasks = new([], [], [], [], []);
    private readonly Dictionary<(string, string, string, string, string), int> _taskIndex = [];
    private readonly List<PointData> _points = [];
    private readonly List<string> _notes = [];

    /// <returns>The data, the memory diagnostics per folder and series, and notes on files that could not be read.</returns>
    public static (ReportData Data, IReadOnlyList<IReadOnlyList<(string Series, IReadOnlyList<MemoryDiagnostics> Rows)>> Diagnostics, IReadOnlyList<string> Notes)
        Build(string title, IReadOnlyList<ResultFolder> folders)
    {
        var builder = new ReportDataBuilder();
        var groups = new List<GroupData>();
        var scatter = new List<CostPoint>();
        var diagnostics = new List<IReadOnlyList<(string, IReadOnlyList<MemoryDiagnostics>)>>();
        foreach (var folder in folders)
        {
            var palette = folder.Palette();
            var accuracy = Lines(ContinualTable.PerIteration(folder), palette);
            groups.Add(new GroupData(folder.Name, folder.Iterations, accuracy,
                Lines(ContinualTable.Cumulative(folder), palette), Training(folder, palette)));
            var perSeries = new List<(string, IReadOnlyList<MemoryDiagnostics>)>();
            foreach (var (series, points) in PaperTables.BySeries(folder))
            {
                var perSeed = points.Select(p => builder.AddPoint(groups.Count - 1, p)).ToList();
                perSeries.Add((series, MemoryDiagnostics.MeanOverSeeds(perSeed)));
                var y = accuracy.First(l => l.Series == series).Y;
                if (CostPerSeed(points) is { } cost && y.Count > 0 && y[^1] is { } final)
                    scatter.Add(new CostPoint(folder.Name, series, Hex(palette, series), cost, final));
            }
            diagnostics.Add(perSeries);
        }
        var data = new ReportData(title, builder._strings.Strings, builder._tasks, groups, builder._points, scatter);
        return (data, diagnostics, builder._notes);
    }

    /// <summary>Adds one run folder's cases and episodes; returns its memory diagnostics.</summary>
    private IReadOnlyList<MemoryDiagnostics> AddPoint(int group, ResultPoint point)
    {
        var files = new RunFolder(point.Dir);
        var bank = new CaseBank();
        if (File.Exists(files.CaseBank)) CaseBankFile.ReadInto(files.CaseBank, bank);
        var cases = new CaseColumns([], [], [], []);
        foreach (var c in bank.Cases)
        {
            cases.Question.Add(_strings.Of(c.Question));
            cases.Plan.Add(_strings.Of(c.Plan));
            cases.Reward.Add(c.Reward);
            cases.Source.Add(_strings.Of(c.Source));
        }

        var logged = Trajectories(files).GroupBy(t => t.Episode).ToDictionary(g => g.Key, g => g.Last());
        var episodes = new EpisodeColumns();
        var traces = new Dictionary<int, EpisodeTrace>();
        foreach (var e in point.Episodes)
        {
            var trace = logged.GetValueOrDefault(e.Episode);
            if (trace is { Agent.Cycles: not null } or { Judgement.Rationale: not null })
                traces[episodes.Count] = new EpisodeTrace(trace.Agent.Cycles, trace.Judgement.Rationale);
            episodes.Add(e, trace, TaskOf(e), _strings);
        }
        _points.Add(new PointData(group, point.Series, point.Seed, point.K, cases, episodes.Pruned(), traces));
        return MemoryDiagnostics.Of(point.Episodes, bank.Cases, reads: point.Policy != "none");
    }

    /// <summary>The run's trajectory log; one this version cannot read (an older format) leaves plans and planner
    /// cycles out of the page, with a note saying so, rather than failing the report.</summary>
    private IReadOnlyList<TrajectoryLine> Trajectories(RunFolder files)
    {
        try
        {
            return TrajectoryLog.Read(files.Trajectories);
        }
        catch (MementoException e)
        {
            _notes.Add($"{e.Message}: plans and planner cycles of this run are not shown");
            return [];
        }
    }

    private int TaskOf(EpisodeRecord e)
    {
        var key = (e.TaskId, e.Question, e.Gold, e.Source, e.Level);
        if (_taskIndex.TryGetValue(key, out var i)) return i;
        _tasks.Id.Add(_strings.Of(e.TaskId));
        _tasks.Question.Add(_strings.Of(e.Question));
        _tasks.Gold.Add(_strings.Of(e.Gold));
        _tasks.Source.Add(_strings.Of(e.Source));
        _tasks.Level.Add(_strings.Of(e.Level));
        return _taskIndex[key] = _tasks.Id.Count - 1;
    }

    /// <summary>One line per series from a continual-learning table (columns: label, seeds, one per iteration).</summary>
    private static List<SeriesLine> Lines(PaperTable table, SeriesPalette palette) =>
        table.Rows.Select(r => new SeriesLine(r[0].Text!, Hex(palette, r[0].Text!),
            r.Skip(2).Select(c => c.Mean).ToList(), r.Skip(2).Select(c => c.Ci).ToList())).ToList();

    /// <summary>Every run's training history, binned: the bin's last episode, mean loss and last AUC.</summary>
    private static List<TrainingLine> Training(ResultFolder folder, SeriesPalette palette)
    {
        var lines = new List<TrainingLine>();
        foreach (var point in folder.Points)
        {
            var path = new RunFolder(point.Dir).TrainingCsv;
            if (!File.Exists(path)) continue;
            var rows = CsvFiles.Read<TrainingHistoryRow>(path);
            if (rows.Count == 0) continue;
            var size = (rows.Count + TrainingBins - 1) / TrainingBins;
            var bins = rows.Chunk(size).ToList();
            lines.Add(new TrainingLine(point.Series, point.Seed, Hex(palette, point.Series),
                bins.Select(b => b[^1].Episode).ToList(),
                bins.Select(b => b.Any(r => r.Loss is not null) ? (double?)Math.Round(b.Where(r => r.Loss is not null).Average(r => r.Loss!.Value), 5) : null).ToList(),
                bins.Select(b => b.LastOrDefault(r => r.Auc is not null)?.Auc is { } auc ? (double?)Math.Round(auc, 4) : null).ToList()));
        }
        return lines;
    }

    /// <summary>A series' mean total cost per seed, or null unless every episode of every seed has a cost.</summary>
    private static double? CostPerSeed(IReadOnlyList<ResultPoint> points) =>
        points.Count > 0 && points.All(p => p.Episodes.Count > 0 && p.Episodes.All(e => e.CostUsd is not null))
            ? (double)points.Average(p => p.Episodes.Sum(e => e.CostUsd!.Value))
            : null;

    private static string Hex(SeriesPalette palette, string series) => palette.ColorOf(series).ToHex();
}
