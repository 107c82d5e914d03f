using ScottPlot;

namespace Memento.Reports;

/// <summary>Orders series and gives each one a fixed colour. The registered memory policies (in the registry's order,
/// given by the caller) own the first slots, so "similarity" is the same blue in every sweep whichever other series it
/// is plotted with; any other series, or a second series of an already-coloured policy, takes the next free slot in
/// order of first appearance.</summary>
internal sealed class SeriesPalette
{
    // Tableau 10, rearranged so "none" is a neutral grey and the learned policies get the strongest hues.
    private static readonly Color[] Slots =
    [
        Color.FromHex("#7f7f7f"), Color.FromHex("#8c564b"), Color.FromHex("#1f77b4"), Color.FromHex("#d62728"),
        Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"), Color.FromHex("#9467bd"), Color.FromHex("#e377c2"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    private readonly Dictionary<string, Color> _colors = new(StringComparer.Ordinal);

    /// <summary>The series in display order: known policies first in their fixed order, then the rest as given.</summary>
    public IReadOnlyList<string> Order { get; }

    private readonly string[] _policies;

    public SeriesPalette(IEnumerable<string> seriesInAppearanceOrder, IReadOnlyList<string> policyOrder)
    {
        _policies = [.. policyOrder];
        var appearance = seriesInAppearanceOrder.Distinct(StringComparer.Ordinal).ToList();
        Order = appearance
            .Select((name, index) => (name, index, rank: PolicyRank(name)))
            .OrderBy(s => s.rank).ThenBy(s => s.index)
            .Select(s => s.name)
            .ToList();

        var taken = new HashSet<int>();
        var next = _policies.Length;
        foreach (var name in Order)
        {
            var slot = PolicyRank(name);
            if (slot >= _policies.Length || !taken.Add(slot))
            {
                while (taken.Contains(next)) next++;
                slot = next;
                taken.Add(slot);
            }
            _colors[name] = Slots[slot % Slots.Length];
        }
    }

    public Color ColorOf(string series) => _colors[series];

    /// <summary>Rank of the policy a series label names, either bare (<c>qnet</c>) or as one of its grid
    /// assignments (<c>policy=qnet,k=4</c>); labels naming no known policy rank after all of them.</summary>
    private int PolicyRank(string series)
    {
        foreach (var part in series.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = eq < 0 ? "" : part[..eq].Trim();
            var value = eq < 0 ? part.Trim() : part[(eq + 1)..].Trim();
            if (eq >= 0 && key != "policy" && key != "memory.policy") continue;
            var rank = Array.IndexOf(_policies, value);
            if (rank >= 0) return rank;
        }
        return int.MaxValue;
    }
}
