namespace Memento.Learning;

/// <summary>
/// Case embeddings e_c stamped with the version of θ (the optimiser's step count) that produced them. A row is valid
/// only for that version: every gradient step moves the case table, so stale rows are recomputed on their next read.
/// Rows live in one growable contiguous array indexed by case id (bank ids are dense positions).
/// </summary>
internal sealed class CaseEmbeddingCache(int dimension)
{
    private float[] _rows = new float[dimension * 256];
    private long[] _versions = Enumerable.Repeat(-1L, 256).ToArray();

    public bool IsFresh(int id, long version) => id < _versions.Length && _versions[id] == version;

    public ReadOnlySpan<float> Row(int id) => _rows.AsSpan(id * dimension, dimension);

    public void Put(int id, long version, ReadOnlySpan<float> row)
    {
        if (id >= _versions.Length)
        {
            var size = Math.Max(id + 1, _versions.Length * 2);
            var oldLength = _versions.Length;
            Array.Resize(ref _versions, size);
            Array.Fill(_versions, -1L, oldLength, size - oldLength);
            Array.Resize(ref _rows, size * dimension);
        }
        row.CopyTo(_rows.AsSpan(id * dimension, dimension));
        _versions[id] = version;
    }
}
