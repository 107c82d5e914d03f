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

    public EpisodicEntry this[int slot] => _entries[slot] ?? throw new ArgumentOutOfRangeException(nameof(slot));

    public void Add(EpisodicEntry entry)
    {
        if (_entries[_pos] is { } evicted)
        {
            var queue = _byCase[evicted.CaseId];
            queue.Dequeue();
            if (queue.Count == 0) _byCase.Remove(evicted.CaseId);
            _valueSum -= evicted.Value;
            Count--;
        }
        _entries[_pos] = entry;
        if (!_byCase.TryGetValue(entry.CaseId, out var slots)) _byCase[entry.CaseId] = slots = new Queue<int>();
        slots.Enqueue(_pos);
        _valueSum += entry.Value;
        Count++;
        _pos = (_pos + 1) % Capacity;
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
