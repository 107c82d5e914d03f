namespace Memento.Learning;

/// <summary>
/// Case embeddings e_c stamped with the version of θ (the optimiser's step count) that produced them. A row is valid
/// only for that version: every gradient step moves the case table, so stale rows are recomputed on their next read.
/// Only shortlisted cases are ever embedded, so rows are kept per case that has been scored (a slot per id, rows
/// contiguous by slot), not per bank position: over a 1M-case bank a dense array would hold 256 MB for a few
/// thousand rows.
/// </summary>
internal sealed class CaseEmbeddingCache(int dimension)
{
    private readonly Dictionary<int, int> _slotOf = new();
    private float[] _rows = new float[dimension * 256];
    private long[] _versions = new long[256];

    public bool IsFresh(int id, long version) => _slotOf.TryGetValue(id, out var slot) && _versions[slot] == version;

    public ReadOnlySpan<float> Row(int id) => _rows.AsSpan(_slotOf[id] * dimension, dimension);

    public void Put(int id, long version, ReadOnlySpan<float> row)
    {
        if (!_slotOf.TryGetValue(id, out var slot))
        {
            slot = _slotOf.Count;
            _slotOf.Add(id, slot);
            if (slot == _versions.Length)
            {
                Array.Resize(ref _versions, slot * 2);
                Array.Resize(ref _rows, slot * 2 * dimension);
            }
        }
        row.CopyTo(_rows.AsSpan(slot * dimension, dimension));
        _versions[slot] = version;
    }
}
