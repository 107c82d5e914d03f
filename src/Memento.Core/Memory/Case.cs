namespace Memento.Core.Memory;

/// <summary>A case c = (s, a, r): the task text, the final plan (Memento's JSON plan string) and the judged reward.
/// Both successes (r = 1) and failures (r = 0) are kept.</summary>
public sealed record Case(int Id, string Question, string Plan, int Reward, string? TaskId = null, string? Source = null)
{
    /// <summary>Text a learned retriever reads for the case: its question, its plan steps and its outcome
    /// (the paper's case is (s, a, r): whether the plan worked is part of what the retriever may use).</summary>
    public string Text => TextOf(Question, Plan, Reward);

    public static string TextOf(string question, string plan, int reward) =>
        $"{question}\n{plan}\noutcome: {(reward == 1 ? "success" : "failure")}";
}
