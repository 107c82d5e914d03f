using Memento.Core.Agents.Replay;
using Memento.Core.Tasks;

namespace Memento.Core.Judging;

/// <summary>Serves a recorded judgement for a (task, answer) seen before and asks the inner judge otherwise.</summary>
public sealed class RecordedJudge(IJudge inner, RecordedEpisodes recorded) : IJudge
{
    public Task<Judgement> JudgeAsync(QaTask task, string answer, CancellationToken cancellationToken) =>
        recorded.FindJudgement(task.Id, answer) is { } judgement
            ? Task.FromResult(judgement)
            : inner.JudgeAsync(task, answer, cancellationToken);
}
