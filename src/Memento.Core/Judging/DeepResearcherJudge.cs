using Memento.Core.Plugins;
using Memento.Core.Scoring;
using Memento.Core.Tasks;

namespace Memento.Core.Judging;

/// <summary>Rule-based judge: EM and set-F1 against every gold alternative. Runs no PM judge (PM stays null).</summary>
public sealed class DeepResearcherJudge : IJudge
{
    public static readonly JudgePlugin Plugin = new("deepresearcher", "EM and set-F1 of DeepResearcher's scorer", _ => new DeepResearcherJudge());


    public Task<Judgement> JudgeAsync(QaTask task, string answer, CancellationToken cancellationToken) =>
        Task.FromResult(new Judgement(
            DeepResearcherScorer.ExactMatch(answer, task.GoldAnswers),
            DeepResearcherScorer.F1(answer, task.GoldAnswers),
            null));
}
