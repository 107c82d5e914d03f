namespace Memento.Core.Memory;

/// <summary>The growing case bank M. Append-only: ids are positions, so policies can index it incrementally
/// (everything from their last seen <see cref="Count"/> on is new).</summary>
public sealed class CaseBank
{
    private readonly List<Case> _cases = new();

    public int Count => _cases.Count;
    public IReadOnlyList<Case> Cases => _cases;
    public Case this[int id] => _cases[id];

    public Case Write(string question, string plan, int reward, string? taskId = null, string? source = null)
    {
        if (reward is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(reward), reward, "reward must be 0 or 1");
        var c = new Case(_cases.Count, question, plan, reward, taskId, source);
        _cases.Add(c);
        return c;
    }
}
