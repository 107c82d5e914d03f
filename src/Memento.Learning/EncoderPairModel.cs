using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>The <see cref="EncoderCaseScorer"/> and its optimiser: Adam at <c>lr</c> on every parameter (all dense
/// and small, so no sparse update is needed).</summary>
internal sealed class EncoderPairModel(EncoderCaseScorer scorer, double learningRate) : IPairModel<float[]>
{
    private readonly DenseAdam _adam = new(scorer.parameters(), learningRate);
    private readonly Parameter[] _parameters = scorer.parameters().ToArray();

    public EncoderCaseScorer Scorer => scorer;

    public long Steps { get; private set; }

    public float[] Score(float[] task, IReadOnlyList<float[]> cases, float[] similarity, float[] outcomes) =>
        Predict([task], cases, similarity, outcomes);

    public float[] ScorePairs(IReadOnlyList<float[]> tasks, IReadOnlyList<float[]> cases, float[] similarity, float[] outcomes) =>
        Predict(tasks, cases, similarity, outcomes);

    public double Step(IReadOnlyList<float[]> tasks, IReadOnlyList<float[]> cases, float[] similarity, float[] labels, double positiveWeight, float[] outcomes)
    {
        var value = BceStep.Run(scorer, _parameters, () => scorer.Logits(scorer.Stack(tasks), scorer.Stack(cases), tensor(similarity), tensor(outcomes)), labels,
            positiveWeight, Steps + 1, "lower memory.qnet.lr", () =>
            {
                using (PolicyProfile.Time(PolicyPart.DenseStep)) _adam.Step();
            });
        Steps++;
        return value;
    }

    public void Save(string path) => scorer.Save(path);

    public void Dispose()
    {
        _adam.Dispose();
        scorer.Dispose();
    }

    private float[] Predict(IReadOnlyList<float[]> tasks, IReadOnlyList<float[]> cases, float[] similarity, float[] outcomes)
    {
        if (cases.Count == 0) return [];
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return sigmoid(scorer.Logits(scorer.Stack(tasks), scorer.Stack(cases), tensor(similarity), tensor(outcomes))).data<float>().ToArray();
    }
}
