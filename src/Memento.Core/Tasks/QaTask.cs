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

    /// <summary>Metadata key of a task whose answer is asked in three lines (Explanation, Answer, Confidence 0-100 %),
    /// as Humanity's Last Exam's official prediction script asks; the HLE judge reads the confidence back.</summary>
    public const string ConfidenceFormatKey = "answer.with_confidence";

    /// <summary>Metadata key of an image that is part of the question, as a data URI (an HLE image question).</summary>
    public const string ImageKey = "image";

    /// <summary>The question's image as a data URI, or null for a text-only question.</summary>
    public string? Image => Metadata?.GetValueOrDefault(ImageKey);

    /// <summary>True when the task asks for the three-line answer with a confidence (<see cref="ConfidenceFormatKey"/>).</summary>
    public bool AsksConfidence => Metadata?.ContainsKey(ConfidenceFormatKey) == true;

    public static IReadOnlyList<string> SplitAnswers(string joined) =>
        joined.Split(AnswerSplit, StringSplitOptions.TrimEntries).Where(a => a.Length > 0).ToArray();
}
