namespace Memento.Learning;

/// <summary>A sampled minibatch of (task features, case features, reward) pairs.</summary>
public sealed record ReplayBatch(int[][] Tasks, int[][] Cases, float[] Rewards);
