namespace Memento.Learning;

/// <summary>One entry (s, c, Q) of the episodic store: the task's encoded vector, the case, and the value.</summary>
public sealed record EpisodicEntry(SparseVector Task, KernelCase Case, float Value);
