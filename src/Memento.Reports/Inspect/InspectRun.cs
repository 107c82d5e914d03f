using System.Globalization;
using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Memory;
using Memento.Core.Results;

namespace Memento.Reports.Inspect;

/// <summary>What one run folder (a run, or one point of a sweep) gives its inspect log, read from its files only:
/// the resolved config as a tree, the episodes with their trajectory lines, the rewards of the cases they read, and
/// <c>run.json</c>. <see cref="RunId"/> is shared by the points of one sweep (inspect's run = one <c>eval()</c> call).</summary>
internal sealed record InspectRun(
    RunFolder Folder, string Label, Dictionary<string, object?> Config, IReadOnlyList<EpisodeRecord> Episodes,
    IReadOnlyDictionary<int, TrajectoryLine> Trajectories, IReadOnlyDictionary<int, Case> Cases, Provenance? Record, string RunId)
{
    public static InspectRun Read(ResultPoint point, string runId, string label)
    {
        var folder = point.Run;
        var config = File.Exists(folder.Config) ? YamlTree.Parse(File.ReadAllText(folder.Config), folder.Config) : [];
        var bank = new CaseBank();
        if (File.Exists(folder.CaseBank)) CaseBankFile.ReadInto(folder.CaseBank, bank, folder.CaseBank);
        var lines = new Dictionary<int, TrajectoryLine>();
        foreach (var line in TrajectoryLog.Read(folder.Trajectories)) lines[line.Episode] = line;
        return new InspectRun(folder, label, config, point.Episodes, lines, bank.Cases.ToDictionary(c => c.Id),
            Provenance.Read(folder.Provenance), runId);
    }

    /// <summary>A config value by dotted path (<c>agent.kind</c>) as the YAML text, or null when the file does not say.</summary>
    public string? Value(string dottedPath)
    {
        object? node = Config;
        foreach (var part in dottedPath.Split('.'))
            node = node is Dictionary<string, object?> map && map.TryGetValue(part, out var child) ? child : null;
        return node is string { Length: > 0 } text ? text : null;
    }

    public int IntValue(string dottedPath, int fallback) =>
        int.TryParse(Value(dottedPath), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    public string Name => Value("name") ?? Path.GetFileName(Folder.Dir);

    /// <summary>Pass@k attempts per task and iteration.</summary>
    public int Attempts => Math.Max(1, IntValue("schedule.attempts", 1));

    /// <summary>The sample's epoch: iterations and attempts numbered in one sequence, <c>(iteration − 1) · attempts + attempt</c>.</summary>
    public int Epoch(EpisodeRecord e) => (e.Iteration - 1) * Attempts + e.Attempt;

    public bool IsLlmAgent => Value("agent.kind") == "llm";

    /// <summary>The planner's model as inspect names models (<c>openai/NAME</c>: memento speaks the OpenAI API), or
    /// <c>memento/KIND</c> for an agent that is no LLM (the simulator: <c>memento/sim</c>).</summary>
    public string AgentModel => IsLlmAgent ? Model(Value("agent.planner_model")) : $"memento/{Value("agent.kind") ?? "sim"}";

    public string ExecutorModel => IsLlmAgent ? Model(Value("agent.executor_model")) : AgentModel;

    private bool? _llmJudged;

    /// <summary>The LLM judge's model, or null when the judge runs no LLM (every sample asks: the episodes are scanned once).</summary>
    public string? JudgeModel =>
        (_llmJudged ??= Episodes.Any(e => e.JudgePromptTokens + e.JudgeCompletionTokens > 0 || e.Pm is not null || e.Grade.Length > 0))
            ? Model(Value("judge.model")) : null;

    private static string Model(string? name) => "openai/" + (name ?? "unknown");

    /// <summary>When the run started: <c>run.json</c>, else the config file's time.</summary>
    public DateTimeOffset Started => Record?.Started is { } s && s != default ? s
        : File.Exists(Folder.Config) ? File.GetLastWriteTimeUtc(Folder.Config) : DateTimeOffset.UnixEpoch;

    public DateTimeOffset? Ended => Record?.Ended;

    /// <summary>A stable id made of the given parts: the same folder exports to the same ids every time.</summary>
    public static string Id(params string[] parts)
    {
        var hash = StableHash.Of(string.Join('\u001f', parts));
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        var chars = new char[22];
        var second = StableHash.Of(hash.ToString(CultureInfo.InvariantCulture) + string.Concat(parts));
        for (var i = 0; i < chars.Length; i++)
        {
            var source = i < 11 ? hash : second;
            chars[i] = alphabet[(int)(source % (ulong)alphabet.Length)];
            if (i < 11) hash /= (ulong)alphabet.Length; else second /= (ulong)alphabet.Length;
        }
        return new string(chars);
    }
}
