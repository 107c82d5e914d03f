namespace Memento.Core.Memory;

/// <summary>Partial selection of the k best (id, score) pairs with a min-heap: O(n log k), ties broken by lower id.</summary>
internal sealed class TopKSelector(int k)
{
    private readonly (int Id, float Score)[] _heap = new (int, float)[Math.Max(k, 0)];
    private int _size;

    public void Offer(int id, float score)
    {
        if (_heap.Length == 0) return;
        if (_size < _heap.Length)
        {
            _heap[_size] = (id, score);
            SiftUp(_size++);
        }
        else if (Better((id, score), _heap[0]))
        {
            _heap[0] = (id, score);
            SiftDown(0);
        }
    }

    public int[] Result() =>
        _heap.Take(_size).OrderByDescending(e => e.Score).ThenBy(e => e.Id).Select(e => e.Id).ToArray();

    private static bool Better((int Id, float Score) a, (int Id, float Score) b) =>
        a.Score > b.Score || (a.Score == b.Score && a.Id < b.Id);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(_heap[parent], _heap[i])) break;
            (_heap[parent], _heap[i]) = (_heap[i], _heap[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int l = 2 * i + 1, r = l + 1, worst = i;
            if (l < _size && Better(_heap[worst], _heap[l])) worst = l;
            if (r < _size && Better(_heap[worst], _heap[r])) worst = r;
            if (worst == i) return;
            (_heap[worst], _heap[i]) = (_heap[i], _heap[worst]);
            i = worst;
        }
    }
}
