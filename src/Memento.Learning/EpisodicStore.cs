namespace Memento.Learning;

/// <summary>
/// The episodic store D of kernel episodic control: a bounded FIFO ring of (s, c, Q) entries with a per-case index,
/// so D_c (the entries of case c) is found without a scan. FIFO eviction removes the oldest entry overall, which is
/// always the oldest entry of its own case, so each per-case queue just drops its head.
/// </summary>
public sealed class EpisodicStore
{
    private readonly EpisodicEntry?[] _entries;
    private readonly Dictionary<int, Queue<int>> _byCase = new();
    private readonly Dictionary<int, (double Sum, int Count)> _byOutcome = new();
    private int _pos;
    private double _valueSum;

    public EpisodicStore(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _entries = new EpisodicEntry?[capacity];
    }

    public int Capacity => _entries.Length;
    public int Count { get; private set; }

    /// <summary>Mean value over D: the prior of a case with no entries (null when D is empty).</summary>
    public double? MeanValue => Count == 0 ? null : _valueSum / Count;

    /// <summary>The prior q₀ of a case with outcome r(c): the mean value over D of entries whose case had that
    /// outcome — "how did retrieving a successful (or failed) case go on average" — else the mean over D, else 0.5.
    /// Learned from the store, so it says nothing when both kinds of case did equally well.</summary>
    public double PriorFor(int caseReward) =>
        _byOutcome.TryGetValue(caseReward, out var s) && s.Count > 0 ? s.Sum / s.Count : MeanValue ?? 0.5;

    public EpisodicEntry this[int slot] => _entries[slot] ?? throw new ArgumentOutOfRangeException(nameof(slot));

    public void Add(EpisodicEntry entry)
    {
        if (_entries[_pos] is { } evicted)
        {
            var queue = _byCase[evicted.Case.Id];
            queue.Dequeue();
            if (queue.Count == 0) _byCase.Remove(evicted.Case.Id);
            _valueSum -= evicted.Value;
            Tally(evicted, -1);
            Count--;
        }
        _entries[_pos] = entry;
        if (!_byCase.TryGetValue(entry.Case.Id, out var slots)) _byCase[entry.Case.Id] = slots = new Queue<int>();
        slots.Enqueue(_pos);
        _valueSum += entry.Value;
        Tally(entry, +1);
        Count++;
        _pos = (_pos + 1) % Capacity;
    }

    private void Tally(EpisodicEntry entry, int sign)
    {
        var (sum, count) = _byOutcome.GetValueOrDefault(entry.Case.Reward);
        _byOutcome[entry.Case.Reward] = (sum + sign * entry.Value, count + sign);
    }

    /// <summary>Slots of D_c, oldest first (empty when the case has no entries).</summary>
    public IReadOnlyCollection<int> SlotsOf(int caseId) =>
        _byCase.TryGetValue(caseId, out var slots) ? slots : [];

    /// <summary>A uniformly drawn occupied slot.</summary>
    public int SampleSlot(Random rng)
    {
        if (Count == 0) throw new InvalidOperationException("cannot sample from an empty episodic store");
        // Slots fill 0, 1, 2, … and stay filled, so the occupied ones are 0..Count−1.
        return rng.Next(Count);
    }
}
