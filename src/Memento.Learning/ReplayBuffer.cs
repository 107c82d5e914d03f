namespace Memento.Learning;

/// <summary>
/// Bounded FIFO of (s, c, r) training pairs — task and case as the network reads them (<typeparamref name="T"/>: hashed
/// feature bags, or frozen encoder vectors) plus the pair's first-stage similarity — after Stable-Baselines3's buffer:
/// arrays preallocated to the capacity and a <c>pos</c>/<c>full</c> cursor, so the oldest pair is overwritten once full
/// and memory never grows. Representations are shared, not copied (one task's serves its K pairs).
/// </summary>
internal sealed class ReplayBuffer<T>
{
    private readonly T[] _tasks;
    private readonly T[] _cases;
    private readonly float[] _similarities;
    private readonly float[] _rewards;
    private readonly float[] _outcomes;
    private int _pos;
    private bool _full;

    public ReplayBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _tasks = new T[capacity];
        _cases = new T[capacity];
        _similarities = new float[capacity];
        _rewards = new float[capacity];
        _outcomes = new float[capacity];
    }

    public int Capacity => _rewards.Length;
    public int Count => _full ? Capacity : _pos;
    public bool IsFull => _full;

    /// <summary>Pairs with reward 1 currently held (kept up to date on overwrite, for BCE's pos_weight).</summary>
    public int Positives { get; private set; }

    public int Negatives => Count - Positives;

    /// <param name="caseOutcome">The retrieved case's own recorded reward (an input of the network, not the label).</param>
    public void Add(T task, T @case, float similarity, int reward, int caseOutcome = 0)
    {
        if (reward is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(reward), reward, "reward must be 0 or 1");
        if (_full && _rewards[_pos] == 1f) Positives--;
        _tasks[_pos] = task;
        _cases[_pos] = @case;
        _similarities[_pos] = similarity;
        _rewards[_pos] = reward;
        _outcomes[_pos] = caseOutcome;
        if (reward == 1) Positives++;
        _pos++;
        if (_pos == Capacity)
        {
            _pos = 0;
            _full = true;
        }
    }

    /// <summary>Uniform sample with replacement (as SB3), driven only by <paramref name="rng"/>, so a seeded
    /// generator gives the same batches run to run.</summary>
    public ReplayBatch<T> Sample(int batchSize, Random rng)
    {
        if (Count == 0) throw new InvalidOperationException("cannot sample from an empty replay buffer");
        var tasks = new T[batchSize];
        var cases = new T[batchSize];
        var similarities = new float[batchSize];
        var rewards = new float[batchSize];
        var outcomes = new float[batchSize];
        for (var i = 0; i < batchSize; i++)
        {
            var j = rng.Next(Count);
            tasks[i] = _tasks[j];
            cases[i] = _cases[j];
            similarities[i] = _similarities[j];
            rewards[i] = _rewards[j];
            outcomes[i] = _outcomes[j];
        }
        return new ReplayBatch<T>(tasks, cases, similarities, rewards, outcomes);
    }
}
