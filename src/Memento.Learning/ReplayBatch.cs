namespace Memento.Learning;

/// <summary>A sampled minibatch of (task, case, first-stage similarity, reward, case outcome) pairs.</summary>
internal sealed record ReplayBatch<T>(T[] Tasks, T[] Cases, float[] Similarities, float[] Rewards, float[] Outcomes);
