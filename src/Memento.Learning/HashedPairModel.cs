namespace Memento.Learning;

/// <summary><c>memory.qnet.features: hashed</c> — the <see cref="CaseScorer"/> over hashed feature bags and its
/// optimiser (Adam on the MLP, row-sparse Adagrad on the tables).</summary>
internal sealed class HashedPairModel(CaseScorer scorer, double learningRate, double embeddingLearningRate) : IPairModel<int[]>
{
    private readonly ScorerOptimizer _optimizer = new(scorer, learningRate, embeddingLearningRate);

    public CaseScorer Scorer => scorer;

    public long Steps => _optimizer.Steps;

    public float[] Score(int[] task, IReadOnlyList<int[]> cases, float[] similarity, float[] outcomes) =>
        scorer.Score(task, cases, similarity, outcomes);

    public float[] ScorePairs(IReadOnlyList<int[]> tasks, IReadOnlyList<int[]> cases, float[] similarity, float[] outcomes) =>
        scorer.ScorePairs(tasks, cases, similarity, outcomes);

    public double Step(IReadOnlyList<int[]> tasks, IReadOnlyList<int[]> cases, float[] similarity, float[] labels, double positiveWeight, float[] outcomes) =>
        _optimizer.Step(tasks, cases, similarity, labels, positiveWeight, outcomes);

    public void Save(string path) => scorer.Save(path);

    public void Dispose()
    {
        _optimizer.Dispose();
        scorer.Dispose();
    }
}
