namespace Memento.Core.Tasks;

/// <summary>One benchmark item. Gold answers are the alternatives a scorer accepts (DeepResearcher's
/// <c>&lt;|answer_split|&gt;</c> list, GAIA's single final answer).</summary>
public sealed record QaTask(
    string Id,
    string Question,
    IReadOnlyList<string> GoldAnswers,
    string Source,
    int? Level = null,
    IReadOnlyList<string>? Attachments = null,
    IReadOnlyDictionary<string, string>? Metadata = null)
{
    public const string AnswerSplit = "<|answer_split|>";

    /// <summary>Metadata key the synthetic generator uses to tell the simulator a task's true skill.
    /// Read policies must never look at it.</summary>
    public const string HiddenSkillKey = "hidden.skill";

    public static IReadOnlyList<string> SplitAnswers(string joined) =>
        joined.Split(AnswerSplit, StringSplitOptions.TrimEntries).Where(a => a.Length > 0).ToArray();
}
