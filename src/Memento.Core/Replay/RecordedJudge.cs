using Memento.Core.Judging;
using Memento.Core.Tasks;

namespace Memento.Core.Replay;

/// <summary>Serves the recorded judgements of a resumed run's logged episodes and asks the inner judge for every later
/// episode (as an uninterrupted run would have).</summary>
public sealed class RecordedJudge(IJudge inner, RecordedEpisodes recorded) : IJudge
{
    public Task<Judgement> JudgeAsync(QaTask task, string answer, CancellationToken cancellationToken) =>
        recorded.NextJudgement(task.Id, answer) is { } judgement
            ? Task.FromResult(judgement)
            : inner.JudgeAsync(task, answer, cancellationToken);
}
