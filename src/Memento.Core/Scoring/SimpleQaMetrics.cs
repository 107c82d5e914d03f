using System.Text.Json.Serialization;

namespace Memento.Core.Scoring;

/// <summary>A SimpleQA grade, as the LLM grader returns it (A / B / C). The JSON names are those of the grade column.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SimpleQaGrade>))]
public enum SimpleQaGrade
{
    [JsonStringEnumMemberName("correct")] Correct,
    [JsonStringEnumMemberName("incorrect")] Incorrect,
    [JsonStringEnumMemberName("not_attempted")] NotAttempted,
}

/// <summary>SimpleQA's aggregate metrics, as OpenAI's simple-evals computes them: the share of each grade,
/// accuracy given attempted = correct / (correct + incorrect), and F1 = the harmonic mean of overall accuracy
/// (correct / all) and accuracy given attempted. Counts are kept beside every rate.</summary>
public sealed partial record SimpleQaMetrics(int Total, int Correct, int Incorrect, int NotAttempted)
{
    public int Attempted => Correct + Incorrect;

    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    public double AccuracyGivenAttempted => Attempted == 0 ? 0 : (double)Correct / Attempted;

    public double F1 => Accuracy + AccuracyGivenAttempted == 0
        ? 0
        : 2 * AccuracyGivenAttempted * Accuracy / (AccuracyGivenAttempted + Accuracy);

    public static SimpleQaMetrics From(IEnumerable<SimpleQaGrade> grades)
    {
        var (correct, incorrect, notAttempted) = (0, 0, 0);
        foreach (var grade in grades)
        {
            switch (grade)
            {
                case SimpleQaGrade.Correct: correct++; break;
                case SimpleQaGrade.Incorrect: incorrect++; break;
                case SimpleQaGrade.NotAttempted: notAttempted++; break;
                default: throw new ArgumentOutOfRangeException(nameof(grades), grade, "unknown SimpleQA grade");
            }
        }
        return new SimpleQaMetrics(correct + incorrect + notAttempted, correct, incorrect, notAttempted);
    }

    /// <summary>The grader's letter (A = correct, B = incorrect, C = not attempted), read only where the grader was
    /// asked to put it: the whole reply, or else its last non-empty line — a lone letter, optionally with its label
    /// (<c>A: CORRECT</c>) and markdown emphasis or a full stop. A letter elsewhere (simple-evals takes the first A, B
    /// or C anywhere, so "FINAL ANSWER: ..." reads as A) is not a grade: null, and the judge asks again and finally
    /// records a judge error with the reply, so a broken grader never passes for a verdict.</summary>
    public static SimpleQaGrade? TryParseGraderLetter(string reply)
    {
        var lines = reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) return null;
        var match = GradeLine().Match(lines[^1]);
        if (!match.Success) return null;
        var grade = match.Groups["letter"].Value switch
        {
            "A" => SimpleQaGrade.Correct,
            "B" => SimpleQaGrade.Incorrect,
            _ => SimpleQaGrade.NotAttempted,
        };
        var label = match.Groups["label"].Value.Replace(' ', '_').ToUpperInvariant();
        return label.Length == 0 || label.Equals(ToName(grade), StringComparison.OrdinalIgnoreCase) ? grade : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:grade:\s*)?[*_`]*(?<letter>(?-i:[ABC]))[*_`]*(?:\s*[:.)\-]\s*[*_`]*(?<label>correct|incorrect|not[ _]attempted)?[*_`]*)?\.?$",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex GradeLine();

    /// <summary>The grade as written in <c>episodes.csv</c> and <c>trajectories.jsonl</c>: correct, incorrect or
    /// not_attempted (empty when no SimpleQA grader ran).</summary>
    public static string ToName(SimpleQaGrade? grade) => grade switch
    {
        null => "",
        SimpleQaGrade.Correct => "correct",
        SimpleQaGrade.Incorrect => "incorrect",
        SimpleQaGrade.NotAttempted => "not_attempted",
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, "unknown SimpleQA grade"),
    };

    /// <summary>The inverse of <see cref="ToName"/>: null for an empty name.</summary>
    public static SimpleQaGrade? FromName(string? name) => name switch
    {
        null or "" => null,
        "correct" => SimpleQaGrade.Correct,
        "incorrect" => SimpleQaGrade.Incorrect,
        "not_attempted" => SimpleQaGrade.NotAttempted,
        _ => throw new MementoException($"unknown SimpleQA grade '{name}'; expected correct, incorrect or not_attempted"),
    };
}
