namespace Memento.Learning;

/// <summary>A sampled minibatch of (task features, case features, first-stage similarity, reward) pairs.</summary>
public sealed record ReplayBatch(int[][] Tasks, int[][] Cases, float[] Similarities, float[] Rewards, float[] Outcomes);
