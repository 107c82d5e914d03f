using Memento.Core.Memory;
using Memento.Core.Results;

namespace Memento.Reports.Html;

/// <summary>How the memory behaved in one iteration of one run: how big the bank was and how good its cases were,
/// and what the reads returned. Percentages are null where they are undefined (no case, no read).</summary>
internal sealed record MemoryDiagnostics(
    int Iteration, int BankSize, double? PositiveInBankPct, double? RetrievedPositivePct, double? RetrievedSameSourcePct,
    int ShortReads, int Reads)
{
    /// <summary>Per iteration: the bank at the iteration's last read; positives among those cases (case ids are
    /// positions, so the bank at a read is the first <c>bank_size</c> cases of the final bank); the share of
    /// retrieved cases that were successes and that came from the episode's own source; and the reads that returned
    /// fewer than K cases. A policy that never reads (<c>none</c>, K = 0) has no reads.</summary>
    public static IReadOnlyList<MemoryDiagnostics> Of(IReadOnlyList<EpisodeRecord> episodes, IReadOnlyList<Case> cases, bool reads)
    {
        return episodes.GroupBy(e => e.Iteration).OrderBy(g => g.Key).Select(g =>
        {
            var list = g.ToList();
            var bank = list.Max(e => e.BankSize);
            var known = Math.Min(bank, cases.Count);
            var retrieved = list.SelectMany(e => EpisodeColumns.CaseIds(e.Retrieved).Select(id => (e.Source, Id: id))).ToList();
            var withSource = retrieved.Where(r => r.Id < cases.Count && cases[r.Id].Source is not null).ToList();
            var readers = reads ? list.Where(e => e.K > 0).ToList() : [];
            return new MemoryDiagnostics(
                g.Key, bank,
                known == 0 ? null : 100.0 * cases.Take(known).Count(c => c.Reward == 1) / known,
                retrieved.Count == 0 ? null : 100.0 * list.Sum(e => e.RetrievedPositive) / retrieved.Count,
                withSource.Count == 0 ? null : 100.0 * withSource.Count(r => cases[r.Id].Source == r.Source) / withSource.Count,
                readers.Count(e => EpisodeColumns.CaseIds(e.Retrieved).Length < e.K),
                readers.Count);
        }).ToList();
    }

    /// <summary>The seeds of one series folded per iteration: figures are means over seeds, read counts are sums.</summary>
    public static IReadOnlyList<MemoryDiagnostics> MeanOverSeeds(IEnumerable<IReadOnlyList<MemoryDiagnostics>> perSeed) =>
        perSeed.SelectMany(s => s).GroupBy(d => d.Iteration).OrderBy(g => g.Key).Select(g => new MemoryDiagnostics(
            g.Key, (int)Math.Round(g.Average(d => d.BankSize)), Mean(g.Select(d => d.PositiveInBankPct)),
            Mean(g.Select(d => d.RetrievedPositivePct)), Mean(g.Select(d => d.RetrievedSameSourcePct)),
            g.Sum(d => d.ShortReads), g.Sum(d => d.Reads))).ToList();

    private static double? Mean(IEnumerable<double?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : present.Average();
    }
}
