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
/// Q_EC(s, c) = Σ_{(s',c,Q')∈D_c} k_θ(s, s')·Q' / Σ_{(s',c,·)∈D_c} k_θ(s, s'), with
/// k_θ(s, s') = exp(−‖φ_θ(s) − φ_θ(s')‖² / bandwidth) and φ_θ a learned linear projection of the task's TF-IDF
/// vector (<see cref="KernelProjection"/>). In words: how did case c do on past tasks like this one.</para>
/// <para><b>Prior.</b> A case with no entries in D gets the mean value over D — "an untried case is as good as the
/// average retrieval so far" — and 0.5 while D is empty. Ties keep the first-stage (cosine) order, so with an empty
/// store the read is exactly the similarity read, and a case with a worse-than-average record falls below untried
/// ones while a better one rises above them.</para>
/// <para><b>Read.</b> As <see cref="QNetPolicy"/>: a cosine shortlist (the estimate needs the kernel against every
/// entry of each candidate's D_c, so it is run only for the shortlist, in one batched pass), then top-K by Q_EC, or
/// K draws without replacement from softmax(Q_EC/τ) when the read temperature τ &gt; 0. Cost per query: O(N·d) for
/// the scan, plus O(M·(nnz·P)) for the M store entries of the shortlisted cases (bounded by <c>store_size</c>).</para>
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
        var candidates = Candidates(request, query, _config.Shortlist, k);
        var scores = Scores(_online, SparseVector.FromDense(query), candidates);
        return CaseRanking.Pick(candidates, scores, k, _config.Temperature, request.Rng);
    }

    /// <summary>Q_EC(s, c) under the current θ for explicit case ids, the prior where D_c is empty.</summary>
    public float[] Estimate(string task, IReadOnlyList<int> caseIds)
    {
        lock (Gate) return Scores(_online, SparseVector.FromDense(Shortlist.Encode(task)), caseIds);
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
            var task = SparseVector.FromDense(Shortlist.Encode(feedback.Task.Question));
            var target = TdTargetUnlocked(feedback.Reward, nextTask, nextBank);
            var caseIds = feedback.Retrieved.Select(c => c.Id).ToArray();
            // Estimate before training or storing, so the rolling AUC measures pairs the kernel has not yet seen.
            var predictions = Scores(_online, task, caseIds);
            foreach (var prediction in predictions) _history.Observe(prediction, feedback.Reward);
            var loss = Train(task, caseIds, target);
            foreach (var id in caseIds) _store.Add(new EpisodicEntry(task, id, (float)target));
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
        var nextQ = Scores(_target, SparseVector.FromDense(dense), candidates).Select(q => (double)q).ToArray();
        return KernelMath.SoftTdTarget(reward, _config.Gamma, _config.Alpha, nextQ);
    }

    private double? Train(SparseVector task, int[] caseIds, double target)
    {
        if (_config.UpdatesPerEpisode == 0 || _store.Count == 0) return null;
        var total = 0.0;
        var steps = 0;
        for (var step = 0; step < _config.UpdatesPerEpisode; step++)
        {
            var batch = caseIds.Select(id => new KernelQuery(task, id, -1, (float)target)).ToList();
            while (batch.Count < _config.BatchSize)
            {
                var slot = _store.SampleSlot(_sampling);
                var entry = _store[slot];
                batch.Add(new KernelQuery(entry.Task, entry.CaseId, slot, entry.Value));
            }
            using var scope = NewDisposeScope();
            var (estimates, rows) = EstimateBatch(_online, batch);
            if (rows.Length == 0) continue; // no query had a neighbour: nothing to learn from yet
            var targets = tensor(rows.Select(r => batch[r].Target).ToArray());
            var error = estimates.sub(targets);
            var loss = error.mul(error).mean();
            _online.zero_grad();
            loss.backward();
            var value = loss.item<float>();
            FiniteGuard.Check("kernel", value, [_online.Weight.grad], Steps + 1, "lower memory.kernel.lr");
            _optimizer.Step();
            _target.SoftUpdateFrom(_online, _config.Beta);
            Steps++;
            total += value;
            steps++;
        }
        return steps == 0 ? null : total / steps;
    }

    /// <summary>Q_EC for one task against candidate cases, the prior where a case has no entries.</summary>
    private float[] Scores(KernelProjection projection, SparseVector task, IReadOnlyList<int> caseIds)
    {
        var prior = (float)(_store.MeanValue ?? 0.5);
        var scores = Enumerable.Repeat(prior, caseIds.Count).ToArray();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (estimates, rows) = EstimateBatch(projection, caseIds.Select(id => new KernelQuery(task, id, -1, 0)).ToList());
        if (rows.Length == 0) return scores;
        var values = estimates.data<float>().ToArray();
        for (var i = 0; i < rows.Length; i++) scores[rows[i]] = values[i];
        return scores;
    }

    /// <summary>Q_EC of every query whose case has entries in D (other than its own excluded slot), in one projection
    /// call for all task vectors involved. Returns the estimates and, for each, the index of its query.</summary>
    private (Tensor Estimates, int[] Rows) EstimateBatch(KernelProjection projection, IReadOnlyList<KernelQuery> queries)
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
        var rows = new List<int>();
        var queryRows = new List<long>();
        var segment = new List<long>();
        var keyRows = new List<long>();
        var values = new List<float>();
        for (var i = 0; i < queries.Count; i++)
        {
            var q = queries[i];
            var first = true;
            foreach (var slot in _store.SlotsOf(q.CaseId))
            {
                if (slot == q.ExcludedSlot) continue;
                if (first)
                {
                    rows.Add(i);
                    queryRows.Add(RowOf(q.Task));
                    first = false;
                }
                var entry = _store[slot];
                segment.Add(rows.Count - 1);
                keyRows.Add(RowOf(entry.Task));
                values.Add(entry.Value);
            }
        }
        if (rows.Count == 0) return (empty(0), []);
        var projected = projection.Project(vectors);
        var queryVectors = projected.index_select(0, tensor(queryRows.ToArray(), ScalarType.Int64));
        var estimates = KernelEstimator.Estimate(queryVectors, projected, segment.ToArray(), keyRows.ToArray(), values.ToArray(), _config.Bandwidth);
        return (estimates, rows.ToArray());
    }
}
