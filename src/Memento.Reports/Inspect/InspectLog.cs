using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Memento.Core.Agents;
using Memento.Core.Results;

namespace Memento.Reports.Inspect;

/// <summary>One run folder as an inspect evaluation log (inspect_ai's log format version 2, as inspect_ai 0.3.180
/// writes it): the header — <c>eval</c>, <c>plan</c>, <c>results</c>, <c>stats</c>, <c>status</c> — and one sample per
/// episode (<see cref="InspectSample"/>). docs/reference/inspect-log.md documents the mapping.</summary>
internal sealed partial class InspectLog
{
    public const int FormatVersion = 2;

    private readonly InspectRun _run;
    private readonly IReadOnlyList<InspectScore> _scores;
    private readonly Dictionary<string, LlmUsage> _usage = new();

    public InspectLog(InspectRun run)
    {
        _run = run;
        _scores = InspectScore.Of(run);
        TaskId = InspectRun.Id(run.Folder.Dir, InspectJson.Time(run.Started), run.Name, "task");
    }

    /// <summary>Unique per run and per sweep point, so the viewer never shows two points as retries of one task.</summary>
    public string TaskId { get; }

    /// <summary>inspect's status: <c>success</c> for a finished run, <c>cancelled</c> for an interrupted one, <c>error</c>
    /// for a failed or diverged one, <c>started</c> for one still running.</summary>
    public string Status => _run.Record?.ExitStatus switch
    {
        RunStatus.Finished => "success",
        RunStatus.Interrupted => "cancelled",
        RunStatus.Failed or RunStatus.Diverged => "error",
        RunStatus.Running => "started",
        _ => _run.Folder.IsFinished ? "success" : "started",
    };

    /// <summary>The samples in episode order.</summary>
    public IEnumerable<JsonObject> Samples()
    {
        var builder = new InspectSample(_run, _scores);
        return _run.Episodes.Select(builder.Sample);
    }

    public JsonObject Header()
    {
        var header = new JsonObject
        {
            ["version"] = FormatVersion,
            ["status"] = Status,
            ["eval"] = Spec(),
            ["plan"] = Plan(),
            ["results"] = Results(),
            ["stats"] = Stats(),
        };
        if (Status == "error")
            header["error"] = new JsonObject
            {
                ["message"] = $"the memento run ended {_run.Record?.ExitStatus} ({_run.Folder.Dir})", ["traceback"] = "", ["traceback_ansi"] = "",
            };
        return header;
    }

    /// <summary>The log's entry in <c>listing.json</c> (inspect's <c>LogOverview</c>).</summary>
    public static JsonObject Overview(JsonObject header)
    {
        var spec = header["eval"]!;
        var status = header["status"]?.DeepClone() ?? "started";
        var overview = new JsonObject
        {
            ["eval_id"] = spec["eval_id"]!.DeepClone(), ["run_id"] = spec["run_id"]!.DeepClone(),
            ["task"] = spec["task"]!.DeepClone(), ["task_id"] = spec["task_id"]!.DeepClone(), ["task_version"] = spec["task_version"]?.DeepClone() ?? 0,
            ["version"] = header["version"]?.DeepClone() ?? FormatVersion, ["status"] = status, ["invalidated"] = false, ["model"] = spec["model"]!.DeepClone(),
            ["started_at"] = header["stats"]?["started_at"]?.DeepClone() ?? "", ["completed_at"] = header["stats"]?["completed_at"]?.DeepClone() ?? "",
        };
        if (header["error"] is { } error) overview["error"] = error.DeepClone();
        if (header["results"]?["scores"]?[0]?["metrics"] is JsonObject { Count: > 0 } metrics)
            overview["primary_metric"] = metrics.First().Value!.DeepClone();
        return overview;
    }

    /// <summary>The log's file name as inspect names logs: <c>TIME_TASK_ID.eval</c> (a <c>.json</c> log is listed only
    /// when its name starts with the time).</summary>
    public string FileName(string extension) =>
        $"{_run.Started.ToUniversalTime():yyyy-MM-dd'T'HH-mm-ss}+00-00_{Clean(_run.Name)}_{TaskId}.{extension}";

    private static string Clean(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray());

    private JsonObject Spec()
    {
        var tasks = _run.Episodes.Select(e => e.TaskId).Distinct().ToList();
        var spec = new JsonObject
        {
            ["eval_id"] = InspectRun.Id(TaskId, "eval"),
            ["run_id"] = _run.RunId,
            ["created"] = InspectJson.Time(_run.Started),
            ["task"] = _run.Name,
            ["task_id"] = TaskId,
            ["task_version"] = 0,
            ["task_display_name"] = _run.Label,
            ["task_attribs"] = new JsonObject(),
            ["task_args"] = Json(_run.Config),
            ["task_args_passed"] = new JsonObject(),
            ["solver"] = "memento/" + (_run.Value("agent.kind") ?? "sim"),
            ["tags"] = new JsonArray("memento", _run.Value("memory.policy") ?? "?"),
            ["dataset"] = InspectJson.WithoutNulls(new JsonObject
            {
                ["name"] = _run.Value("dataset.path") is { } path ? Path.GetFileNameWithoutExtension(path) : _run.Value("dataset.kind") ?? "synthetic",
                ["location"] = _run.Value("dataset.path") ?? _run.Value("dataset.kind"),
                ["samples"] = tasks.Count,
                ["sample_ids"] = new JsonArray(tasks.Select(t => (JsonNode?)t).ToArray()),
                ["shuffled"] = _run.Value("schedule.shuffle") == "true",
            }),
            ["model"] = _run.AgentModel,
            ["model_generate_config"] = GenerateConfig(),
            ["model_args"] = new JsonObject(),
            ["config"] = Config(),
            ["packages"] = new JsonObject { ["memento"] = _run.Record?.MementoVersion ?? "unknown" },
            ["metadata"] = InspectJson.WithoutNulls(new JsonObject
            {
                ["memento_folder"] = _run.Folder.Dir,
                ["memento_exit_status"] = _run.Record?.ExitStatus,
                ["memento_command_line"] = _run.Record?.CommandLine,
            }),
            ["scorers"] = new JsonArray(_scores.Select(s => (JsonNode?)new JsonObject
            {
                ["name"] = s.Name,
                ["metrics"] = new JsonArray(s.Metrics([]).Select(m => (JsonNode?)new JsonObject { ["name"] = m.Name }).ToArray()),
                ["metadata"] = new JsonObject { ["scorer"] = s.Scorer },
            }).ToArray()),
        };
        if (_run.IsLlmAgent)
        {
            spec["model_base_url"] = _run.Value("agent.base_url");
            var roles = new JsonObject
            {
                ["planner"] = new JsonObject { ["model"] = _run.AgentModel },
                ["executor"] = new JsonObject { ["model"] = _run.ExecutorModel },
            };
            if (_run.JudgeModel is { } judge) roles["judge"] = new JsonObject { ["model"] = judge };
            spec["model_roles"] = roles;
        }
        if (_run.Record?.GitCommit is { } commit)
            spec["revision"] = InspectJson.WithoutNulls(new JsonObject { ["type"] = "git", ["origin"] = "", ["commit"] = commit, ["dirty"] = _run.Record.GitDirty });
        return InspectJson.WithoutNulls(spec);
    }

    private JsonObject GenerateConfig() =>
        _run.IsLlmAgent && double.TryParse(_run.Value("agent.temperature"), NumberStyles.Float, CultureInfo.InvariantCulture, out var t)
            ? new JsonObject { ["temperature"] = t } : new JsonObject();

    /// <summary>inspect's own config fields that memento has (epochs = iterations × attempts, max_samples = the
    /// parallelism), then every memento key by its dotted path.</summary>
    private JsonObject Config()
    {
        var config = new JsonObject
        {
            ["epochs"] = _run.IntValue("schedule.iterations", 1) * _run.Attempts,
            ["max_samples"] = _run.IntValue("schedule.parallelism", 1),
        };
        foreach (var (key, value) in Flatten(_run.Config, "")) config[key] = value;
        return config;
    }

    private static IEnumerable<(string Key, JsonNode? Value)> Flatten(Dictionary<string, object?> tree, string prefix)
    {
        foreach (var (key, value) in tree)
        {
            if (value is Dictionary<string, object?> child && child.Count > 0)
                foreach (var inner in Flatten(child, prefix + key + ".")) yield return inner;
            else yield return (prefix + key, Json(value));
        }
    }

    /// <summary>A YAML tree as JSON: <c>true</c> / <c>false</c> and plain numbers as JSON booleans and numbers, other
    /// scalars as the strings the config file holds.</summary>
    private static JsonNode? Json(object? value) => value switch
    {
        Dictionary<string, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, Json(p.Value)))),
        List<object?> list => new JsonArray(list.Select(Json).ToArray()),
        null => null,
        "true" => true,
        "false" => false,
        string text when PlainInteger().IsMatch(text) && long.TryParse(text, CultureInfo.InvariantCulture, out var n) => n,
        string text when PlainDecimal().IsMatch(text) => double.Parse(text, CultureInfo.InvariantCulture),
        _ => JsonValue.Create(value.ToString()),
    };

    [GeneratedRegex(@"^-?\d{1,18}$")]
    private static partial Regex PlainInteger();

    [GeneratedRegex(@"^-?\d+\.\d+$")]
    private static partial Regex PlainDecimal();

    private JsonObject Plan() => new()
    {
        ["name"] = "plan",
        ["steps"] = new JsonArray(
            new JsonObject
            {
                ["solver"] = "memento/read_policy",
                ["params"] = InspectJson.WithoutNulls(new JsonObject
                {
                    ["policy"] = _run.Value("memory.policy"), ["k"] = _run.Value("memory.k"), ["encoder"] = _run.Value("memory.encoder.kind"),
                    ["frozen"] = _run.Value("memory.frozen"), ["seed_bank"] = _run.Value("memory.seed_bank"),
                }),
            },
            new JsonObject
            {
                ["solver"] = "memento/agent",
                ["params"] = InspectJson.WithoutNulls(new JsonObject
                {
                    ["kind"] = _run.Value("agent.kind") ?? "sim",
                    ["planner_model"] = _run.IsLlmAgent ? _run.Value("agent.planner_model") : null,
                    ["executor_model"] = _run.IsLlmAgent ? _run.Value("agent.executor_model") : null,
                    ["max_cycles"] = _run.IsLlmAgent ? _run.Value("agent.max_cycles") : null,
                }),
            }),
        ["finish"] = new JsonObject
        {
            ["solver"] = "memento/write",
            ["params"] = new JsonObject { ["judge"] = _run.Value("judge.kind"), ["reward"] = _run.Value("judge.reward") },
        },
        ["config"] = GenerateConfig(),
    };

    private JsonObject Results()
    {
        var scored = _run.Episodes.Where(e => e.IsScored).ToList();
        var scores = new JsonArray();
        foreach (var score in _scores)
        {
            var rows = scored.Where(e => score.Value(e) is not null).ToList();
            var metrics = new JsonObject();
            foreach (var (name, value) in score.Metrics(rows))
                metrics[name] = new JsonObject { ["name"] = name, ["value"] = Math.Round(value, 6), ["params"] = new JsonObject() };
            scores.Add(new JsonObject
            {
                ["name"] = score.Name, ["scorer"] = score.Name, ["scored_samples"] = rows.Count,
                ["unscored_samples"] = _run.Episodes.Count - rows.Count, ["params"] = new JsonObject(), ["metrics"] = metrics,
            });
        }
        return new JsonObject
        {
            ["total_samples"] = _run.Episodes.Count,
            ["completed_samples"] = scored.Count,
            ["scores"] = scores,
            ["metadata"] = new JsonObject { ["by_iteration"] = ByIteration() },
        };
    }

    /// <summary>The pooled row of every iteration in <c>summary.csv</c> (accuracy, EM and F1 in percent, with counts).</summary>
    private JsonArray ByIteration() => new(SummaryRow.From(_run.Episodes).Where(r => r.Source == SummaryRow.AllSources)
        .Select(r => (JsonNode?)new JsonObject
        {
            ["iteration"] = r.Iteration, ["n"] = r.N, ["correct"] = r.Correct, ["accuracy_pct"] = r.AccuracyPct,
            ["em_pct"] = r.EmPct, ["f1_pct"] = r.F1Pct, ["solved_so_far"] = r.SolvedSoFar, ["tasks"] = r.Tasks,
        }).ToArray());

    private JsonObject Stats() => new()
    {
        ["started_at"] = InspectJson.Time(_run.Started),
        ["completed_at"] = _run.Ended is { } ended ? InspectJson.Time(ended) : "",
        ["model_usage"] = InspectJson.Usages(_usage),
    };

    /// <summary>Adds a written sample's per-model usage to <c>stats.model_usage</c> (so call it for every sample
    /// before <see cref="Header"/>).</summary>
    public void Count(JsonObject sample)
    {
        foreach (var (model, usage) in sample["model_usage"]!.AsObject())
            InspectJson.Add(_usage, model, LlmUsage.Of(usage!["input_tokens"]!.GetValue<int>(), usage["output_tokens"]!.GetValue<int>(),
                usage["total_cost"]?.GetValue<decimal>()));
    }
}
