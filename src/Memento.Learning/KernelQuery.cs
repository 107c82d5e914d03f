namespace Memento.Learning;

/// <summary>A (task, case) pair to estimate; <see cref="ExcludedSlot"/> is its own store slot when replayed
/// (leave-one-out), −1 otherwise; <see cref="Target"/> is its TD target when trained on.</summary>
internal sealed record KernelQuery(SparseVector Task, KernelCase Case, int ExcludedSlot, float Target);
