namespace Memento.Learning;

/// <summary>A bank case as kernel episodic control sees it: its id (the key of D_c), its recorded outcome r(c) and
/// the encoded question of the task it was written from, s_c (the key of its own episode).</summary>
public sealed record KernelCase(int Id, int Reward, SparseVector Key);
