namespace Memento.Core.Memory;

/// <summary>A case c = (s, a, r): the task text, the final plan (Memento's JSON plan string) and the judged reward.
/// Both successes (r = 1) and failures (r = 0) are kept.</summary>
public sealed record Case(int Id, string Question, string Plan, int Reward, string? TaskId = null, string? Source = null)
{
    /// <summary>Text a learned retriever reads for the case: its question plus its plan steps.</summary>
    public string Text => Question + "\n" + Plan;
}
