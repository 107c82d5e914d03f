using Memento.Core.Judging;
using Memento.Core.Scoring;
using Memento.Core.Tasks;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>
/// <c>judge.kind: simpleqa</c> — the SimpleQA grading rubric (<see cref="Prompts.SimpleQaGrader"/>): every answer is
/// graded correct, incorrect or not attempted, exact matches included (simple-evals grades them all, and the grade
/// distribution is the metric). EM and F1 come from the inner judge; PM is "graded correct", so
/// <c>judge.reward: pm</c> (its default here) rewards exactly the correct grades. Several gold alternatives are shown
/// to the grader as one target joined by " | ". A reply with no A, B or C is asked again up to <c>max_retries</c>
/// times and then left unscored with a judge error.
/// </summary>
public sealed class SimpleQaJudge(IJudge inner, IChatClient client, int maxRetries, ModelMeter? meter = null) : IJudge, IDisposable
{
    private readonly ModelMeter _meter = meter ?? PriceList.None.For("");

    public async Task<Judgement> JudgeAsync(QaTask task, string answer, CancellationToken cancellationToken)
    {
        var lexical = await inner.JudgeAsync(task, answer, cancellationToken);
        if (lexical.JudgeError is not null) return lexical;
        var prompt = Prompts.SimpleQaGrader(task.Question, string.Join(" | ", task.GoldAnswers), answer);
        var (grade, error, usage) = await JudgeCall.AskAsync(client, _meter, prompt, maxRetries, SimpleQaMetrics.TryParseGraderLetter, cancellationToken);
        return lexical with { PartialMatch = grade is null ? null : grade == SimpleQaGrade.Correct, Grade = grade, JudgeError = error?.Message, ErrorKind = error?.Kind, Usage = usage };
    }

    public void Dispose() => client.Dispose();
}
