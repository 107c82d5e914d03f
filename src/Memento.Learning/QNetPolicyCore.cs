using Memento.Core.Memory;
using Memento.Core.Results;
using Memento.Core.Text;

namespace Memento.Learning;

/// <summary>
/// <c>memory.policy: qnet</c> — the parametric case-selection policy μ(c | s, M) of docs/design.md §2, trained online, over
/// either representation of texts (<typeparamref name="T"/>): hashed feature bags (<see cref="QNetPolicy"/>) or frozen
/// encoder vectors (<see cref="EncoderQNetPolicy"/>).
/// <para><b>Read.</b> Two stages. (1) A cheap first stage ranks every bank case by cosine similarity between the task
/// and the case's question (a SIMD dot product per case over precomputed vectors, <see cref="ShortlistIndex"/>) and
/// keeps the top <c>shortlist</c>. (2) The network scores only that shortlist, in one batched call, with each
/// case's cosine as an input (so an untrained network ranks like similarity), and the K cases are the top K by Q
/// (paper Eq. 16) or K draws without replacement from softmax(Q/α) when <c>temperature</c> α &gt; 0 (Eq. 7); with
/// probability <c>epsilon</c> each pick is swapped for a random bank case. Why a shortlist: the network costs far more
/// per case than a dot product, so it would dominate a read at a few thousand cases. The price is that a case outside
/// the cosine top-N is never scored; ε-exploration and a larger <c>shortlist</c> are the knobs against that.</para>
/// <para><b>Warm-up.</b> Until the replay buffer holds <c>warmup</c> pairs the read is the plain similarity top-K
/// over the whole bank (no shortlist or network cost); a network loaded from <c>init</c> is used from the first
/// read.</para>
/// <para><b>Update.</b> One (s, c_i, r) pair per retrieved case enters the replay buffer, after the current network
/// has scored it for the rolling held-out AUC. Then, once the buffer holds <c>warmup</c> pairs and one minibatch,
/// <c>updates_per_episode</c> steps of BCE on seeded minibatches, with pos_weight = negatives/positives in the buffer
/// when <c>positive_weight</c> is on.</para>
/// Every random choice comes from the seed (weights, minibatches) or from the request's RNG (sampling, ε), so one
/// seed and one sequence of episodes give identical reads.
/// </summary>
public abstract class QNetPolicyCore<T> : ShortlistReadPolicy, ILearnedState, IDisposable
{
    private readonly QNetConfig _config;
    private readonly ReplayBuffer<T> _buffer;
    private readonly Random _sampling;
    private readonly TrainingHistory _history;
    private readonly bool _pretrained;
    private int _episodes;

    /// <param name="model">The network (fresh, or loaded from <c>init</c>); the policy owns it.</param>
    /// <param name="aucWindow">How many of the most recent pairs the rolling held-out AUC covers.</param>
    protected QNetPolicyCore(QNetConfig config, int seed, ITextEncoder encoder, IPairModel<T> model, int aucWindow) : base(encoder)
    {
        _config = config;
        _pretrained = config.Init is not null;
        Model = model;
        _buffer = new ReplayBuffer<T>(config.BufferSize);
        _sampling = new Random(seed);
        _history = new TrainingHistory(aucWindow);
    }

    protected IPairModel<T> Model { get; }

    /// <summary>Pairs in the replay buffer.</summary>
    public int BufferCount => _buffer.Count;

    /// <summary>Optimiser steps taken so far.</summary>
    public long Steps => Model.Steps;

    /// <summary>Whether reads rank by Q (true) or still by similarity during warm-up.</summary>
    public bool UsesNetwork => _pretrained || _buffer.Count >= _config.Warmup;

    public IReadOnlyList<TrainingPoint> History => _history.Points;

    /// <summary>The task as the network reads it, given its first-stage vector.</summary>
    protected abstract T TaskOf(string question, float[] query);

    /// <summary>The case as the network reads it.</summary>
    protected abstract T CaseOf(Case c);

    /// <summary>Q of shortlisted bank cases in one batched call.</summary>
    protected virtual float[] ScoreCandidates(T task, int[] candidates, float[] similarity, CaseBank bank) =>
        Model.Score(task, candidates.Select(id => CaseOf(bank[id])).ToArray(), similarity, candidates.Select(id => (float)bank[id].Reward).ToArray());

    protected override int[] Pick(ReadRequest request, float[] query, int k)
    {
        int[] picks;
        if (!UsesNetwork)
        {
            picks = Shortlist.Top(request.Bank, query, k);
        }
        else
        {
            var candidates = Candidates(request, query, _config.Shortlist, k);
            var similarity = candidates.Select(id => Shortlist.Similarity(query, id)).ToArray();
            var scores = ScoreCandidates(TaskOf(request.Task.Question, query), candidates, similarity, request.Bank);
            picks = CaseRanking.Pick(candidates, scores, k, _config.Temperature, request.Rng);
        }
        CaseRanking.Explore(picks, request.Bank.Count, _config.Epsilon, request.Rng);
        return picks;
    }

    /// <summary>Q(s, c) of the current network for explicit cases (diagnostics and tests).</summary>
    public float[] Score(string task, IReadOnlyList<Case> cases)
    {
        lock (Gate)
        {
            var query = Shortlist.Encode(task);
            var similarity = cases.Select(c => Shortlist.Similarity(query, c)).ToArray();
            return Model.Score(TaskOf(task, query), cases.Select(CaseOf).ToArray(), similarity, Outcomes(cases));
        }
    }

    public override void Update(EpisodeFeedback feedback)
    {
        lock (Gate)
        {
            _episodes++;
            var query = Shortlist.Encode(feedback.Task.Question);
            var task = TaskOf(feedback.Task.Question, query);
            var cases = feedback.Retrieved.Select(CaseOf).ToArray();
            var similarity = feedback.Retrieved.Select(c => Shortlist.Similarity(query, c)).ToArray();
            // Score before storing or training, so the rolling AUC measures pairs the network has not yet seen.
            var predictions = Model.Score(task, cases, similarity, Outcomes(feedback.Retrieved));
            for (var i = 0; i < cases.Length; i++)
            {
                _history.Observe(predictions[i], feedback.Reward);
                _buffer.Add(task, cases[i], similarity[i], feedback.Reward, feedback.Retrieved[i].Reward);
            }
            _history.Record(_episodes, Train());
        }
    }

    /// <summary>Writes the network to <paramref name="path"/> (conventionally <c>qnet.pt</c>), usable as
    /// <c>memory.qnet.init</c>.</summary>
    public void Save(string path)
    {
        lock (Gate) Model.Save(path);
    }

    /// <summary>Writes <see cref="History"/> as <c>episode,loss,auc</c>.</summary>
    public void WriteHistoryCsv(string path)
    {
        lock (Gate) _history.WriteCsv(path);
    }

    /// <summary>Leaves the network and the training history (plotted by the run report) under the run folder's names for them.</summary>
    public void SaveTo(RunFolder run)
    {
        AtomicFile.Write(run.QNet, Save);
        AtomicFile.Write(run.TrainingCsv, WriteHistoryCsv);
    }

    public void Dispose()
    {
        Model.Dispose();
        GC.SuppressFinalize(this);
    }

    private double? Train()
    {
        var batchSize = Math.Min(_config.BatchSize, _buffer.Capacity);
        if (_config.UpdatesPerEpisode == 0 || _buffer.Count < _config.Warmup || _buffer.Count < batchSize) return null;
        var positiveWeight = _config.PositiveWeight && _buffer.Positives > 0 && _buffer.Negatives > 0
            ? (double)_buffer.Negatives / _buffer.Positives
            : 1.0;
        var total = 0.0;
        for (var step = 0; step < _config.UpdatesPerEpisode; step++)
        {
            var batch = _buffer.Sample(batchSize, _sampling);
            total += Model.Step(batch.Tasks, batch.Cases, batch.Similarities, batch.Rewards, positiveWeight, batch.Outcomes);
        }
        return total / _config.UpdatesPerEpisode;
    }

    private static float[] Outcomes(IReadOnlyList<Case> cases) => cases.Select(c => (float)c.Reward).ToArray();
}
