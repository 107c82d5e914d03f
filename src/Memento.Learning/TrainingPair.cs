namespace Memento.Learning;

/// <summary>One row of Memento's retriever pairs: a query, a case retrieved for it (question and plan), the case's
/// own label, and whether the run on the query that used these cases was judged correct (the training target).</summary>
internal sealed record TrainingPair(string Query, string Case, string Plan, string CaseLabel, bool Label)
{
    /// <summary>What the network reads for the case, as for a bank case: question, newline, plan.</summary>
    public string CaseText => Case + "\n" + Plan;

    /// <summary>The case's own recorded outcome r(c): 1 for Memento's <c>case_label: positive</c>, else 0.</summary>
    public int CaseReward => CaseLabel == "positive" ? 1 : 0;
}
