using System.Text.Json.Serialization;
using Memento.Core.Agents;
using Memento.Core.Loop;
using Memento.Core.Scoring;
using Memento.Core.Tasks;

namespace Memento.Core.Judging;

/// <summary>A judged answer. <see cref="PartialMatch"/> is null when no PM judge ran, or when the LLM judge failed
/// (then <see cref="JudgeError"/> says why: the answer is unscored, never silently counted wrong). <see cref="Grade"/> is
/// the SimpleQA grade when the SimpleQA grader ran (<c>judge.kind: simpleqa</c>), else null. An LLM judge adds its
/// <see cref="Rationale"/> and its token <see cref="Usage"/>; the HLE judge the final answer it extracted from the response
/// (<see cref="ExtractedAnswer"/>) and the response's confidence, 0-100 (<see cref="Confidence"/>).
/// The JSON names are those of the <c>judgement</c> object of <c>trajectories.jsonl</c>, which a resume reads back.</summary>
public sealed record Judgement(
    [property: JsonPropertyName("exact_match")] bool ExactMatch,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("partial_match")] bool? PartialMatch,
    [property: JsonPropertyName("judge_error")] string? JudgeError = null,
    [property: JsonPropertyName("grade")] SimpleQaGrade? Grade = null,
    [property: JsonPropertyName("rationale")] string? Rationale = null,
    [property: JsonPropertyName("usage")] LlmUsage? Usage = null,
    [property: JsonPropertyName("error_kind")] string? ErrorKind = null,
    [property: JsonPropertyName("extracted_answer")] string? ExtractedAnswer = null,
    [property: JsonPropertyName("confidence")] int? Confidence = null)
{
    /// <summary>An episode whose agent or judge failed (<see cref="ErrorKind"/> says how): unscored, and counted by
    /// the run's error budget.</summary>
    public static Judgement Failed(EpisodeError error, LlmUsage? usage = null) =>
        new(false, 0, null, error.Message, Usage: usage, ErrorKind: error.Kind);

    /// <summary>The error of a failed agent or judge, or null (a hidden GAIA answer is unscored but no error).</summary>
    [JsonIgnore] public EpisodeError? Error => ErrorKind is { } kind ? new EpisodeError(kind, JudgeError ?? "") : null;

    /// <summary>False when the judge could not rule (<see cref="JudgeError"/> says why): no reward, no score.</summary>
    [JsonIgnore] public bool IsScored => JudgeError is null;
}

public interface IJudge
{
    Task<Judgement> JudgeAsync(QaTask task, string answer, CancellationToken cancellationToken);
}
