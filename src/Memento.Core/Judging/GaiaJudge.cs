using Memento.Core.Plugins;
using Memento.Core.Data;
using Memento.Core.Scoring;
using Memento.Core.Tasks;

namespace Memento.Core.Judging;

/// <summary>GAIA's official quasi-exact match (<see cref="GaiaScorer"/>) as a judge: EM is the QEM verdict against any
/// gold answer, F1 is the same verdict as 0 or 1, PM is null. A task whose answer is hidden (test split, <c>?</c>) is
/// not scored at all — the judgement carries <see cref="HiddenAnswerError"/>, so the episode writes no case and stays
/// out of every summary (the official scorer would even accept "?" against it); a task whose attachment was missing
/// (<c>dataset.missing_attachments: score-wrong</c>) is scored wrong.</summary>
public sealed class GaiaJudge : IJudge
{
    public static readonly JudgePlugin Plugin = new("gaia", "GAIA's official quasi-exact match", _ => new GaiaJudge());


    public const string HiddenAnswerError = "answer hidden (GAIA test split): not scored";

    public Task<Judgement> JudgeAsync(QaTask task, string answer, CancellationToken cancellationToken)
    {
        if (IsHidden(task)) return Task.FromResult(new Judgement(false, 0, null, HiddenAnswerError));
        var correct = IsScorable(task) && task.GoldAnswers.Any(gold => GaiaScorer.IsCorrect(answer, gold));
        return Task.FromResult(new Judgement(correct, correct ? 1.0 : 0.0, null));
    }

    /// <summary>True for a test-split task whose answer is <c>?</c>.</summary>
    public static bool IsHidden(QaTask task) => task.Metadata?.ContainsKey(GaiaReader.HiddenAnswerKey) == true;

    /// <summary>False for hidden answers and for tasks kept despite a missing attachment.</summary>
    public static bool IsScorable(QaTask task) =>
        !IsHidden(task) && task.Metadata?.ContainsKey(GaiaReader.MissingAttachmentKey) != true;
}
