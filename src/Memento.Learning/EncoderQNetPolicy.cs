using Memento.Core.Memory;
using Memento.Core.Text;

namespace Memento.Learning;

/// <summary>
/// <c>memory.policy: qnet</c> with <c>memory.qnet.features: encoder</c>: the paper's Q(s, c) on frozen sentence
/// vectors (<see cref="EncoderCaseScorer"/>). The task's vector is the first stage's query and a case's is its
/// question's row in the first stage's index, so the network adds no encoding at all; the replay buffer holds those
/// vectors. Cost per query: the O(N·d) scan plus an MLP over S shortlisted rows.
/// </summary>
internal sealed class EncoderQNetPolicy : QNetPolicyCore<float[]>
{
    /// <param name="config">Hyperparameters (<c>memory.qnet</c>: <c>hidden</c>, <c>adapter_dim</c>, <c>lr</c>, ...;
    /// <c>buckets</c>, <c>embedding_dim</c> and <c>embedding_lr</c> are for hashed features only). With <c>init</c>
    /// set, the network comes from that checkpoint.</param>
    /// <param name="seed">Seeds the initial weights and the minibatch sampler.</param>
    /// <param name="encoder">The run's encoder: the first stage and the network's input.</param>
    public EncoderQNetPolicy(QNetConfig config, int seed, ITextEncoder encoder, int aucWindow = 200)
        : base(config, seed, encoder, new EncoderPairModel(Network(config, seed, encoder.Dimension), config.LearningRate), aucWindow)
    {
    }

    public static EncoderCaseScorer Network(QNetConfig config, int seed, int encoderDim) => config.Init is null
        ? new EncoderCaseScorer(encoderDim, config.AdapterDim, config.Hidden, seed)
        : EncoderCaseScorer.Load(config.Init, encoderDim);

    protected override float[] TaskOf(string question, float[] query) => query;

    protected override float[] CaseOf(Case c) => Shortlist.VectorOf(c);
}
