using System.Text.Json.Serialization;
using Memento.Core.Results;

namespace Memento.Reports.Html;

/// <summary>The episodes of one run folder, one array per field (texts as <see cref="StringTable"/> indices). Token
/// and cost columns, and the PM, grade and error columns, are dropped (null) when no episode has a value, so a
/// simulator run carries none of them.</summary>
internal sealed class EpisodeColumns
{
    [JsonPropertyName("id")] public List<int> Id { get; } = [];
    [JsonPropertyName("it")] public List<int> Iteration { get; } = [];
    [JsonPropertyName("att")] public List<int> Attempt { get; } = [];
    [JsonPropertyName("task")] public List<int> Task { get; } = [];
    [JsonPropertyName("ans")] public List<int> Answer { get; } = [];
    [JsonPropertyName("plan")] public List<int> Plan { get; } = [];
    /// <summary>Reward, EM and F1: null where the episode is unscored (it has no metric values).</summary>
    [JsonPropertyName("r")] public List<int?> Reward { get; } = [];
    [JsonPropertyName("em")] public List<int?> Em { get; } = [];
    [JsonPropertyName("f1")] public List<double?> F1 { get; } = [];
    [JsonPropertyName("bank")] public List<int> BankSize { get; } = [];
    /// <summary>The case ids the read returned, in the order the policy ranked them.</summary>
    [JsonPropertyName("ret")] public List<int[]> Retrieved { get; } = [];
    /// <summary>The PM judge's ruling: 1, 0, or null where it did not rule.</summary>
    [JsonPropertyName("pm")] public List<int?>? Pm { get; private set; } = [];
    [JsonPropertyName("grade")] public List<int>? Grade { get; private set; } = [];
    /// <summary>Why an episode is unscored (string index; 0 = scored).</summary>
    [JsonPropertyName("err")] public List<int>? JudgeError { get; private set; } = [];
    /// <summary>The kind of a failed episode's error (string index; 0 = none), and which box failed (agent, judge).</summary>
    [JsonPropertyName("ek")] public List<int>? ErrorKind { get; private set; } = [];
    [JsonPropertyName("eb")] public List<int>? ErrorBox { get; private set; } = [];
    [JsonPropertyName("pt")] public List<int>? PromptTokens { get; private set; } = [];
    [JsonPropertyName("ct")] public List<int>? CompletionTokens { get; private set; } = [];
    [JsonPropertyName("jpt")] public List<int>? JudgePromptTokens { get; private set; } = [];
    [JsonPropertyName("jct")] public List<int>? JudgeCompletionTokens { get; private set; } = [];
    [JsonPropertyName("cost")] public List<decimal?>? CostUsd { get; private set; } = [];

    [JsonIgnore] public int Count => Id.Count;

    public void Add(EpisodeRecord e, TrajectoryLine? logged, int task, StringTable strings)
    {
        Id.Add(e.Episode);
        Iteration.Add(e.Iteration);
        Attempt.Add(e.Attempt);
        Task.Add(task);
        Answer.Add(strings.Of(e.Answer));
        Plan.Add(strings.Of(logged?.Agent.Plan));
        Reward.Add(e.IsScored ? e.Reward : null);
        Em.Add(e.IsScored ? e.Em : null);
        F1.Add(e.IsScored && e.F1 is { } f1 ? Math.Round(f1, 3) : null);
        BankSize.Add(e.BankSize);
        Retrieved.Add(CaseIds(e.Retrieved));
        Pm!.Add(e.Pm is { } pm ? (pm ? 1 : 0) : null);
        Grade!.Add(strings.Of(e.Grade));
        JudgeError!.Add(strings.Of(e.JudgeError));
        ErrorKind!.Add(strings.Of(e.ErrorKind));
        ErrorBox!.Add(strings.Of(e.ErrorBox));
        PromptTokens!.Add(e.PromptTokens);
        CompletionTokens!.Add(e.CompletionTokens);
        JudgePromptTokens!.Add(e.JudgePromptTokens);
        JudgeCompletionTokens!.Add(e.JudgeCompletionTokens);
        CostUsd!.Add(e.CostUsd);
    }

    /// <summary>Drops the optional columns no episode has a value in.</summary>
    public EpisodeColumns Pruned()
    {
        if (Pm!.All(v => v is null)) Pm = null;
        if (Grade!.All(v => v == 0)) Grade = null;
        if (JudgeError!.All(v => v == 0)) JudgeError = null;
        if (ErrorKind!.All(v => v == 0)) ErrorKind = ErrorBox = null;
        if (PromptTokens!.All(v => v == 0) && CompletionTokens!.All(v => v == 0)) PromptTokens = CompletionTokens = null;
        if (JudgePromptTokens!.All(v => v == 0) && JudgeCompletionTokens!.All(v => v == 0)) JudgePromptTokens = JudgeCompletionTokens = null;
        if (CostUsd!.All(v => v is null)) CostUsd = null;
        return this;
    }

    /// <summary>The <c>retrieved</c> column of episodes.csv: case ids joined by ';'.</summary>
    public static int[] CaseIds(string retrieved) =>
        retrieved.Length == 0 ? [] : retrieved.Split(';').Select(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
