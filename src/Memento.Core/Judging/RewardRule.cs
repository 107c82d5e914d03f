namespace Memento.Core.Judging;

/// <summary>Turns a judgement into the binary reward r written into the case (config <c>judge.reward</c>), or null
/// when the judge could not rule (<see cref="Judgement.JudgeError"/>: an LLM judge that failed, a hidden GAIA answer),
/// whatever the rule: such an episode is unscored, writes no case and is left out of the summaries.</summary>
internal static class RewardRule
{
    public static int? Reward(string rule, Judgement judgement) => !judgement.IsScored ? null : rule switch
    {
        "em" => judgement.ExactMatch ? 1 : 0,
        "f1>=0.5" => judgement.F1 >= 0.5 ? 1 : 0,
        "pm" => judgement.PartialMatch switch
        {
            true => 1,
            false => 0,
            null => throw new MementoException("judge.reward is 'pm' but the judge returned no PM verdict"),
        },
        _ => throw new MementoException($"unknown judge.reward '{rule}'"),
    };
}
