using Memento.Core.Tasks;

namespace Memento.Core.Judging;

/// <summary>A judged answer. <see cref="PartialMatch"/> is null when no PM judge ran.</summary>
public sealed record Judgement(bool ExactMatch, double F1, bool? PartialMatch);

public interface IJudge
{
    Task<Judgement> JudgeAsync(QaTask task, string answer, CancellationToken cancellationToken);
}
