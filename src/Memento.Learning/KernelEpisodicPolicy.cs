using Memento.Core.Plugins;
using Memento.Core.Results;
using Memento.Core.Memory;
using Memento.Core.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>
/// <c>memory.policy: kernel</c> — kernel episodic control (paper Eq. 9–11), which no public code implements.
/// <para><b>Estimate.</b> An episodic store D holds (s, c, Q) entries. For task s and case c,
/// Q_EC(s, c) = (Σ_i w_i·k_θ(s, s_i)·Q_i + λ·q₀(c)) / (Σ_i w_i·k_θ(s, s_i) + λ), with
/// k_θ(s, s') = exp(−‖φ_θ(s) − φ_θ(s')‖² / bandwidth) and φ_θ a learned linear projection of the task's TF-IDF
/// vector (<see cref="KernelProjection"/>). The entries i are D_c (weight 1 each) and the case's own episode
/// (s_c, r_c) — the task it was written from and its outcome — at weight <c>own_episode_weight</c>. In words: how
/// did case c do on past tasks like this one, and how did its plan do on its own task. λ = <c>prior_weight</c> is a
/// pseudo-entry at the prior q₀(c), the mean value in D of entries whose case had the same outcome as c
/// (<see cref="EpisodicStore.PriorFor"/>). With λ = 0 and no own episode this is the paper's Eq. 10 exactly.</para>
/// <para><b>Why not the plain Eq. 10.</b> Its normalised weights forget absolute distance: a case with one entry
/// has that entry's value for every query, however far. So one success on an unrelated task scored a case 1 and
/// lifted it over every similar case in the shortlist — reads became "whatever succeeded anywhere", mostly
/// off-skill cases (measured: 34.6% at iteration 5 with 50 questions per source against similarity's 60.0%, and
/// the wider the shortlist the worse). The prior pseudo-entry lets far entries fade to q₀; the own episode gives an
/// untried case an estimate that depends on how close its task is to s under the learned kernel, instead of one
/// flat prior for all of them.</para>
/// <para><b>Read.</b> As <see cref="QNetPolicy"/>: a cosine shortlist (the estimate needs the kernel against every
/// entry of each candidate's D_c, so it is run only for the shortlist, in one batched pass), then top-K by Q_EC, or
/// K draws without replacement from softmax(Q_EC/τ) when the read temperature τ &gt; 0. With an empty store the
/// read is the cosine order, re-ranked by each case's own episode under the initial (random-projection) kernel.
/// Cost per query: O(N·d) for the scan, plus O(M·(nnz·P)) for the M store entries of the shortlisted cases (bounded
/// by <c>store_size</c>).</para>
/// <para><b>Update.</b> The TD target is y = r + γ·α·log Σ_{c'} exp(Q_target(s', c')/α) with a target projection
/// θ_target ← β·θ + (1 − β)·θ_target after every step, and y = r when γ = 0 or s' is terminal — always the case for
/// the single-step runner, which calls <see cref="Update(EpisodeFeedback)"/>; multi-step callers pass the next task
/// to <see cref="Update(EpisodeFeedback, string?, CaseBank?)"/>. Each of <c>updates_per_episode</c> steps minimises
/// (Q_EC(s, c) − y)² over the episode's new (s, c_i, y) triples plus entries replayed from D up to
/// <c>batch_size</c>. A replayed entry is estimated leave-one-out (without itself), otherwise the kernel would learn
/// only that every entry is nearest to itself. The new triples enter D after the update, FIFO-bounded by
/// <c>store_size</c>.</para>
/// </summary>
public sealed class KernelEpisodicPolicy : ShortlistReadPolicy, ILearnedState, IDisposable
{
    public static readonly Plugin<IReadPolicy> Plugin = new("kernel", "kernel episodic control: Q from past rewards of a case on similar tasks (paper Eq. 9-11)",
        context => new KernelEpisodicPolicy(context.Config.Memory.Settings.Get<KernelConfig>(), context.Config.Seed, context.Encoder()))
    {
        Settings = PluginSettings.In("kernel", KernelConfig.Bind),
    };

    private readonly KernelConfig _config;
    private readonly KernelProjection _online;
    private readonly KernelProjection _target;
    private readonly DenseAdam _optimizer;
    private readonly EpisodicStore _store;
    private readonly Random _sampling;
    private readonly TrainingHistory _history;
    private readonly Dictionary<int, (string Question, KernelCase Kernel)> _cases = new();
    private int _episodes;

    /// <param name="config">Hyperparameters (<c>memory.kernel</c>).</param>
    /// <param name="seed">Seeds the projection and the replay sampler.</param>
    /// <param name="encoder">Encodes tasks for φ_θ and case questions for the shortlist.</param>
    /// <param name="aucWindow">How many of the most recent pairs the rolling held-out AUC covers.</param>
    public KernelEpisodicPolicy(KernelConfig config, int seed, ITextEncoder encoder, int aucWindow = 200)
        : base(encoder)
    {
        _config = config;
        _online = new KernelProjection(encoder.Dimension, config.ProjectionDim, seed);
        if (config.Init is not null) KernelCheckpoint.LoadInto(_online, config.Init);
        _target = new KernelProjection(encoder.Dimension, config.ProjectionDim, seed);
        _target.CopyFrom(_online);
        _optimizer = new DenseAdam([_online.Weight], config.LearningRate);
        _store = new EpisodicStore(config.StoreSize);
        _sampling = new Random(seed);
        _history = new TrainingHistory(aucWindow);
    }

    public EpisodicStore Store => _store;

    public long Steps { get; private set; }

    public IReadOnlyList<TrainingPoint> History => _history.Points;

    protected override int[] Pick(ReadRequest request, float[] query, int k)
    {
        int[] candidates;
        using (PolicyProfile.Time(PolicyPart.Shortlist)) candidates = Candidates(request, query, _config.Shortlist, k);
        SparseVector task;
        using (PolicyProfile.Time(PolicyPart.Encoding)) task = SparseVector.FromDense(query);
        float[] scores;
        using (PolicyProfile.Time(PolicyPart.ReadScoring)) scores = Scores(_online, task, candidates.Select(id => request.Bank[id]).ToArray());
        return CaseRanking.Pick(candidates, scores, k, _config.Temperature, request.Rng);
    }

    /// <summary>Q_EC(s, c) under the current θ for explicit cases, the prior where D_c is empty.</summary>
    public float[] Estimate(string task, IReadOnlyList<Case> cases)
    {
        lock (Gate) return Scores(_online, SparseVector.FromDense(Shortlist.Encode(task)), cases);
    }

    /// <summary>Single-step update: s' is terminal, so y = r.</summary>
    public override void Update(EpisodeFeedback feedback) => Update(feedback, nextTask: null, nextBank: null);

    /// <summary>Update with an explicit next state: the soft TD target uses Q_target over the first-stage shortlist of
    /// <paramref name="nextBank"/> (the same bank this policy reads) for <paramref name="nextTask"/>.</summary>
    public void Update(EpisodeFeedback feedback, string? nextTask, CaseBank? nextBank)
    {
        lock (Gate)
        {
            _episodes++;
            SparseVector task;
            using (PolicyProfile.Time(PolicyPart.Encoding)) task = SparseVector.FromDense(Shortlist.Encode(feedback.Task.Question));
            var target = TdTargetUnlocked(feedback.Reward, nextTask, nextBank);
            // Estimate before training or storing, so the rolling AUC measures pairs the kernel has not yet seen.
            float[] predictions;
            using (PolicyProfile.Time(PolicyPart.UpdateScoring)) predictions = Scores(_online, task, feedback.Retrieved);
            foreach (var prediction in predictions) _history.Observe(prediction, feedback.Reward);
            var loss = Train(task, feedback.Retrieved, target);
            using (PolicyProfile.Time(PolicyPart.Replay))
                foreach (var c in feedback.Retrieved) _store.Add(new EpisodicEntry(task, KernelCaseOf(c), (float)target));
            _history.Record(_episodes, loss);
        }
    }

    /// <summary>The TD target y for a reward and an optional next state (see <see cref="KernelMath.SoftTdTarget"/>).</summary>
    public double TdTarget(int reward, string? nextTask, CaseBank? nextBank)
    {
        lock (Gate) return TdTargetUnlocked(reward, nextTask, nextBank);
    }

    public void WriteHistoryCsv(string path)
    {
        lock (Gate) _history.WriteCsv(path);
    }

    /// <summary>Leaves the projection (usable as <c>memory.kernel.init</c>) and the training history (plotted by the
    /// run report) under the run folder's names for them.</summary>
    public void SaveTo(RunFolder run)
    {
        lock (Gate) AtomicFile.Write(run.Kernel, path => KernelCheckpoint.Save(_online, path));
        AtomicFile.Write(run.KernelTrainingCsv, WriteHistoryCsv);
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _online.Dispose();
        _target.Dispose();
    }

    private double TdTargetUnlocked(int reward, string? nextTask, CaseBank? nextBank)
    {
        if (_config.Gamma == 0 || nextTask is null || nextBank is null || nextBank.Count == 0) return reward;
        var dense = Shortlist.Encode(nextTask);
        var candidates = Shortlist.Top(nextBank, dense, _config.Shortlist);
        var nextQ = Scores(_target, SparseVector.FromDense(dense), candidates.Select(id => nextBank[id]).ToArray()).Select(q => (double)q).ToArray();
        return KernelMath.SoftTdTarget(reward, _config.Gamma, _config.Alpha, nextQ);
    }

    private double? Train(SparseVector task, IReadOnlyList<Case> cases, double target)
    {
        if (_config.UpdatesPerEpisode == 0 || (_store.Count == 0 && cases.Count == 0)) return null;
        var total = 0.0;
        for (var step = 0; step < _config.UpdatesPerEpisode; step++)
        {
            List<KernelQuery> batch;
            using (PolicyProfile.Time(PolicyPart.Replay))
            {
                batch = cases.Select(c => new KernelQuery(task, KernelCaseOf(c), -1, (float)target)).ToList();
                while (batch.Count < _config.BatchSize && _store.Count > 0)
                {
                    var slot = _store.SampleSlot(_sampling);
                    var entry = _store[slot];
                    batch.Add(new KernelQuery(entry.Task, entry.Case, slot, entry.Value));
                }
            }
            using var scope = NewDisposeScope();
            Tensor loss;
            using (PolicyProfile.Time(PolicyPart.Forward))
            {
                var estimates = EstimateBatch(_online, batch);
                var targets = tensor(batch.Select(q => q.Target).ToArray());
                var error = estimates.sub(targets);
                loss = error.mul(error).mean();
            }
            float value;
            using (PolicyProfile.Time(PolicyPart.Backward))
            {
                _online.zero_grad();
                loss.backward();
                value = loss.item<float>();
            }
            using (PolicyProfile.Time(PolicyPart.Guard)) FiniteGuard.Check("kernel", value, [_online.Weight.grad], Steps + 1, "lower memory.kernel.lr");
            using (PolicyProfile.Time(PolicyPart.DenseStep))
            {
                _optimizer.Step();
                _target.SoftUpdateFrom(_online, _config.Beta);
            }
            Steps++;
            total += value;
        }
        return total / _config.UpdatesPerEpisode;
    }

    /// <summary>Q_EC for one task against candidate cases.</summary>
    private float[] Scores(KernelProjection projection, SparseVector task, IReadOnlyList<Case> cases)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return EstimateBatch(projection, cases.Select(c => new KernelQuery(task, KernelCaseOf(c), -1, 0)).ToList()).data<float>().ToArray();
    }

    /// <summary>The kernel's view of a bank case, its question encoded once (cases never change; the bank only grows).
    /// A case from outside the bank this policy has seen is encoded on the spot.</summary>
    private KernelCase KernelCaseOf(Case c)
    {
        if (_cases.TryGetValue(c.Id, out var known) && known.Question == c.Question) return known.Kernel;
        var kernelCase = new KernelCase(c.Id, c.Reward, SparseVector.FromDense(Shortlist.Encode(c.Question)));
        _cases[c.Id] = (c.Question, kernelCase);
        return kernelCase;
    }

    /// <summary>Q_EC of every query in one projection call for all task vectors involved. A query's pairs are its
    /// case's own episode (s_c, r_c) at weight <c>own_episode_weight</c> and the entries of D_c other than its own
    /// excluded slot; its prior is <see cref="EpisodicStore.PriorFor"/> at weight <c>prior_weight</c>.</summary>
    private Tensor EstimateBatch(KernelProjection projection, IReadOnlyList<KernelQuery> queries)
    {
        var vectors = new List<SparseVector>();
        var vectorRow = new Dictionary<SparseVector, int>(ReferenceEqualityComparer.Instance);
        int RowOf(SparseVector v)
        {
            if (vectorRow.TryGetValue(v, out var row)) return row;
            vectorRow[v] = vectors.Count;
            vectors.Add(v);
            return vectors.Count - 1;
        }
        var queryRows = new long[queries.Count];
        var segment = new List<long>();
        var keyRows = new List<long>();
        var values = new List<float>();
        var logWeights = new List<float>();
        void Pair(int query, SparseVector key, float value, float logWeight)
        {
            segment.Add(query);
            keyRows.Add(RowOf(key));
            values.Add(value);
            logWeights.Add(logWeight);
        }
        var ownLogWeight = (float)Math.Log(_config.OwnEpisodeWeight);
        for (var i = 0; i < queries.Count; i++)
        {
            var q = queries[i];
            queryRows[i] = RowOf(q.Task);
            if (_config.OwnEpisodeWeight > 0) Pair(i, q.Case.Key, q.Case.Reward, ownLogWeight);
            foreach (var slot in _store.SlotsOf(q.Case.Id))
            {
                if (slot == q.ExcludedSlot) continue;
                var entry = _store[slot];
                Pair(i, entry.Task, entry.Value, 0);
            }
        }
        var priors = queries.Select(q => (float)_store.PriorFor(q.Case.Reward)).ToArray();
        var projected = projection.Project(vectors);
        var queryVectors = projected.index_select(0, tensor(queryRows, ScalarType.Int64));
        var pairs = new KernelPairs(segment.ToArray(), keyRows.ToArray(), values.ToArray(), logWeights.ToArray());
        return KernelEstimator.Estimate(queryVectors, projected, pairs, _config.Bandwidth, priors, _config.PriorWeight);
    }
}
