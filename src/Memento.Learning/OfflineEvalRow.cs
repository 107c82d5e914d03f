using CsvHelper;

namespace Memento.Learning;

/// <summary>One scorer's figures on the held-out rows of <see cref="OfflineEvaluation"/> (a row of offline-eval.csv).</summary>
[CsvRecord]
public sealed partial record OfflineEvalRow
{
    [CsvColumn("scorer")] public string Scorer { get; init; } = "";
    [CsvColumn("encoder")] public string Encoder { get; init; } = "";
    [CsvColumn("seed")] public int Seed { get; init; }
    [CsvColumn("held_out_queries")] public int Queries { get; init; }
    [CsvColumn("held_out_rows")] public int Rows { get; init; }
    [CsvColumn("k")] public int K { get; init; }
    /// <summary>Pooled ROC AUC of the scores against the run's outcome over all held-out rows.</summary>
    [CsvColumn("held_out_auc")] public double HeldOutAuc { get; init; }
    /// <summary>Mean over held-out queries of the outcome rate among the query's K best-scored logged cases — every
    /// case of a query carries the query's label, so this is the held-out positive rate for every scorer.</summary>
    [CsvColumn("per_query_top_k_precision")] public double PerQueryTopKPrecision { get; init; }
    /// <summary>Outcome rate among the best-scored Σ_q min(K, n_q) held-out rows of all queries together: the same
    /// number of picks, placed where the scorer is most confident across queries.</summary>
    [CsvColumn("pooled_top_k_precision")] public double PooledTopKPrecision { get; init; }
}
