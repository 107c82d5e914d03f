using System.Globalization;
using Memento.Core.Results;

namespace Memento.Reports;

/// <summary>
/// The paper's Figures 5 and 6 as tables, from an LLM run's own records: tool calls per task by tool (counted in
/// <c>trajectories.jsonl</c>, every executor call of every plan step) and input / output tokens and cost per task
/// (<c>episodes.csv</c>), each by GAIA level when the tasks carry one, else by source. A task is one episode of the
/// final iteration (each attempt counts once); a configuration's seeds are pooled.
/// </summary>
internal static class TrajectoryTables
{
    /// <summary>One group's figures: its episodes, the mean calls per episode of each tool, and the mean tokens and cost.</summary>
    public sealed record Group(string Series, string Name, int Episodes, IReadOnlyDictionary<string, double> CallsPerTask,
        double InputTokens, double OutputTokens, decimal? CostUsd);

    public static bool Applies(ResultFolder folder) => folder.Points.Any(p => p.Facts.AgentKind == "llm");

    public static IReadOnlyList<Group> Groups(ResultFolder folder)
    {
        var byLevel = folder.HasLevels;
        var groups = new List<Group>();
        foreach (var (series, points) in PaperTables.BySeries(folder))
        {
            var rows = points.SelectMany(p =>
            {
                var calls = TrajectoryLog.Read(p.Run.Trajectories).ToDictionary(t => t.Episode, t => t.Agent.ToolCalls.Select(call => call.Name).ToList());
                return p.Final.Select(e => (Episode: e, Calls: calls.GetValueOrDefault(e.Episode) ?? []));
            }).ToList();
            var names = byLevel
                ? rows.Select(r => GaiaTable.LevelName(r.Episode.Level)).Distinct().Order(StringComparer.Ordinal).ToList()
                : EpisodeMetrics.OrderedSources(rows.Select(r => r.Episode.Source)).ToList();
            foreach (var name in names.Append("All"))
            {
                var members = rows.Where(r => name == "All" || (byLevel ? GaiaTable.LevelName(r.Episode.Level) : r.Episode.Source) == name).ToList();
                if (members.Count == 0) continue;
                var perTool = members.SelectMany(r => r.Calls).GroupBy(n => n)
                    .ToDictionary(g => g.Key, g => (double)g.Count() / members.Count);
                var costs = members.Select(r => r.Episode.CostUsd).ToList();
                groups.Add(new Group(series, name, members.Count, perTool,
                    members.Average(r => (double)r.Episode.PromptTokens), members.Average(r => (double)r.Episode.CompletionTokens),
                    costs.All(c => c is not null) ? costs.Sum(c => c!.Value) / members.Count : null));
            }
        }
        return groups;
    }

    /// <summary>Tools in order of their calls over all groups, most called first.</summary>
    public static IReadOnlyList<string> Tools(IReadOnlyList<Group> groups) =>
        groups.Where(g => g.Name == "All").SelectMany(g => g.CallsPerTask).GroupBy(p => p.Key)
            .OrderByDescending(g => g.Sum(p => p.Value)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();

    public static IReadOnlyList<PaperTable> Build(ResultFolder folder)
    {
        var groups = Groups(folder);
        var tools = Tools(groups);
        var by = folder.HasLevels ? "level" : "source";
        var callRows = groups.Select(g => (IReadOnlyList<TableCell>)
        [
            TableCell.Label(g.Series), TableCell.Label(g.Name), TableCell.Label(g.Episodes.ToString(CultureInfo.InvariantCulture)),
            .. tools.Select(t => new TableCell(g.CallsPerTask.GetValueOrDefault(t))),
            new TableCell(g.CallsPerTask.Values.Sum()),
        ]).ToList();
        var tokenRows = groups.Select(g => (IReadOnlyList<TableCell>)
        [
            TableCell.Label(g.Series), TableCell.Label(g.Name), TableCell.Label(g.Episodes.ToString(CultureInfo.InvariantCulture)),
            new TableCell(g.InputTokens), new TableCell(g.OutputTokens),
            g.CostUsd is { } cost ? TableCell.Label(cost.ToString("F4", CultureInfo.InvariantCulture)) : TableCell.Missing,
        ]).ToList();
        return
        [
            new PaperTable("tool_calls", $"{folder.Name}: tool calls per task by tool and {by} (paper Figure 5 data)",
                $"Mean tool calls per task (one episode of the final iteration; attempts count once each), by {by}, from trajectories.jsonl: " +
                "every call the executor made in every plan step. Seeds pooled.",
                ["Configuration", by == "level" ? "Level" : "Source", "Tasks", .. tools, "All tools"], callRows),
            new PaperTable("tokens", $"{folder.Name}: input / output tokens and cost per task by {by} (paper Figure 6 data)",
                $"Mean agent tokens per task (planner and executor; the judge's are not counted), by {by}, from episodes.csv; cost in USD " +
                "per task at the config's prices, agent and judge together (\"–\" when a model has no price). The paper's text gives " +
                "26k / 4.7k (L1), 48k / 6.9k (L2), 121k / 9.8k (L3) tokens in / out per task on 10 GAIA tasks per level. Seeds pooled.",
                ["Configuration", by == "level" ? "Level" : "Source", "Tasks", "Input tokens / task", "Output tokens / task", "Cost USD / task"], tokenRows),
        ];
    }
}
