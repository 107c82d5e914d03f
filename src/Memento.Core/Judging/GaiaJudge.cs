using Memento.Core.Data;
using Memento.Core.Scoring;
using Memento.Core.Tasks;

namespace Memento.Core.Judging;

/// <summary>GAIA's official quasi-exact match (<see cref="GaiaScorer"/>) as a judge: EM is the QEM verdict against any
/// gold answer, F1 is the same verdict as 0 or 1, PM is null. A task whose answer is hidden (test split, <c>?</c>) or
/// whose attachment was missing (<c>dataset.missing_attachments: score-wrong</c>) is scored wrong.</summary>
public sealed class GaiaJudge : IJudge
{
    public Task<Judgement> JudgeAsync(QaTask task, string answer, CancellationToken cancellationToken)
    {
        var correct = IsScorable(task) && task.GoldAnswers.Any(gold => GaiaScorer.IsCorrect(answer, gold));
        return Task.FromResult(new Judgement(correct, correct ? 1.0 : 0.0, null));
    }

    /// <summary>False for hidden answers and for tasks kept despite a missing attachment.</summary>
    public static bool IsScorable(QaTask task) =>
        task.Metadata is not { } m || (!m.ContainsKey(GaiaReader.HiddenAnswerKey) && !m.ContainsKey(GaiaReader.MissingAttachmentKey));
}
