using Memento.Core.Judging;
using Memento.Core.Tasks;

namespace Memento.Core.Replay;

/// <summary>Serves the recorded judgements of a resumed run's logged episodes, in order, and asks the inner judge for
/// every later episode (as an uninterrupted run would have).</summary>
public sealed class RecordedJudge(IJudge inner, RecordedEpisodes recorded) : IJudge
{
    private int _judged;

    public Task<Judgement> JudgeAsync(QaTask task, string answer, CancellationToken cancellationToken) =>
        recorded.JudgementAt(_judged++, task.Id, answer) is { } judgement
            ? Task.FromResult(judgement)
            : inner.JudgeAsync(task, answer, cancellationToken);
}
