using System.Text.Json.Serialization;
using Memento.Core.Agents;

namespace Memento.Reports.Html;

// The data embedded in report.html as JSON, read by report.js. Column-oriented (one array per field) and with every
// text an index into ReportData.Strings, so 50,000 episodes stay a few megabytes; property names are short for the
// same reason. These records are only this schema, so they share one file.

/// <summary>The whole page's data: the folders compared (<see cref="Groups"/>), their run folders
/// (<see cref="Points"/>, one per seed and grid point) and the distinct tasks the episodes ran.</summary>
internal sealed record ReportData(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("strings")] IReadOnlyList<string> Strings,
    [property: JsonPropertyName("tasks")] TaskColumns Tasks,
    [property: JsonPropertyName("groups")] IReadOnlyList<GroupData> Groups,
    [property: JsonPropertyName("points")] IReadOnlyList<PointData> Points,
    [property: JsonPropertyName("scatter")] IReadOnlyList<CostPoint> Scatter);

/// <summary>One folder given to <c>memento report</c>: its curves and training histories, one line per series.</summary>
internal sealed record GroupData(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("iterations")] IReadOnlyList<int> Iterations,
    [property: JsonPropertyName("accuracy")] IReadOnlyList<SeriesLine> Accuracy,
    [property: JsonPropertyName("cumulative")] IReadOnlyList<SeriesLine> Cumulative,
    [property: JsonPropertyName("training")] IReadOnlyList<TrainingLine> Training);

/// <summary>A curve over iterations: the mean over seeds and its 95% CI half-width (null where a series has no value).</summary>
internal sealed record SeriesLine(
    [property: JsonPropertyName("series")] string Series,
    [property: JsonPropertyName("color")] string Color,
    [property: JsonPropertyName("y")] IReadOnlyList<double?> Y,
    [property: JsonPropertyName("ci")] IReadOnlyList<double?> Ci);

/// <summary>A learned policy's training history, binned to at most a few hundred points per run.</summary>
internal sealed record TrainingLine(
    [property: JsonPropertyName("series")] string Series,
    [property: JsonPropertyName("seed")] string Seed,
    [property: JsonPropertyName("color")] string Color,
    [property: JsonPropertyName("episode")] IReadOnlyList<int> Episode,
    [property: JsonPropertyName("loss")] IReadOnlyList<double?> Loss,
    [property: JsonPropertyName("auc")] IReadOnlyList<double?> Auc);

/// <summary>One point of the cost–accuracy plot: a series' final accuracy against its mean cost per seed.</summary>
internal sealed record CostPoint(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("series")] string Series,
    [property: JsonPropertyName("color")] string Color,
    [property: JsonPropertyName("cost")] double CostUsd,
    [property: JsonPropertyName("accuracy")] double AccuracyPct);

/// <summary>The distinct tasks: id, question, gold answer, source and GAIA level, each a string index.</summary>
internal sealed record TaskColumns(
    [property: JsonPropertyName("id")] List<int> Id,
    [property: JsonPropertyName("q")] List<int> Question,
    [property: JsonPropertyName("gold")] List<int> Gold,
    [property: JsonPropertyName("src")] List<int> Source,
    [property: JsonPropertyName("level")] List<int> Level);

/// <summary>One run folder: its series and seed, its final case bank and its episodes.</summary>
internal sealed record PointData(
    [property: JsonPropertyName("group")] int Group,
    [property: JsonPropertyName("series")] string Series,
    [property: JsonPropertyName("seed")] string Seed,
    [property: JsonPropertyName("k")] int? K,
    [property: JsonPropertyName("cases")] CaseColumns Cases,
    [property: JsonPropertyName("ep")] EpisodeColumns Episodes,
    [property: JsonPropertyName("traces")] IReadOnlyDictionary<int, EpisodeTrace> Traces);

/// <summary>The case bank by case id (position): question, plan and source as string indices, and the reward.</summary>
internal sealed record CaseColumns(
    [property: JsonPropertyName("q")] List<int> Question,
    [property: JsonPropertyName("plan")] List<int> Plan,
    [property: JsonPropertyName("r")] List<int> Reward,
    [property: JsonPropertyName("src")] List<int> Source);

/// <summary>What an LLM episode did beyond its answer: the planner cycles with every tool call (results as logged,
/// cut to 1,000 characters) and the judge's rationale. Keyed by the episode's row in <see cref="EpisodeColumns"/>.</summary>
internal sealed record EpisodeTrace(
    [property: JsonPropertyName("cycles"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PlannerCycle>? Cycles,
    [property: JsonPropertyName("rationale"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Rationale);
