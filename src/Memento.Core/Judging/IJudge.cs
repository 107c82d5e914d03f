using Memento.Core.Agents;
using Memento.Core.Scoring;
using Memento.Core.Tasks;

namespace Memento.Core.Judging;

/// <summary>A judged answer. <see cref="PartialMatch"/> is null when no PM judge ran, or when the LLM judge failed
/// (then <see cref="JudgeError"/> says why: the answer is unscored, never silently counted wrong). <see cref="Grade"/> is
/// the SimpleQA grade when the SimpleQA grader ran (<c>judge.kind: simpleqa</c>), else null. An LLM judge adds its
/// <see cref="Rationale"/> and its token <see cref="Usage"/>.</summary>
public sealed record Judgement(
    bool ExactMatch, double F1, bool? PartialMatch, string? JudgeError = null, SimpleQaGrade? Grade = null,
    string? Rationale = null, LlmUsage? Usage = null);

public interface IJudge
{
    Task<Judgement> JudgeAsync(QaTask task, string answer, CancellationToken cancellationToken);
}
