using Memento.Core;
using Memento.Core.Plugins;
using Memento.Core.Results;
using Memento.Core.Memory;
using Memento.Core.Text;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>
/// <c>memory.policy: qnet</c> — the parametric case-selection policy μ(c | s, M) of design.md §2, trained online.
/// <para><b>Read.</b> Two stages. (1) A cheap first stage ranks every bank case by cosine similarity between the task
/// and the case's question (a SIMD dot product per case over precomputed vectors, <see cref="ShortlistIndex"/>) and
/// keeps the top <c>shortlist</c>. (2) The network scores only that shortlist, in one batched call, with each
/// case's cosine as an input (so an untrained network ranks like similarity, see <see cref="CaseScorer"/>), and the
/// K cases are the top K by Q (paper Eq. 16) or K draws without replacement from softmax(Q/α) when <c>temperature</c> α &gt; 0
/// (Eq. 7); with probability <c>epsilon</c> each pick is swapped for a random bank case. Why a shortlist: running
/// the embeddings and MLP over every case costs ~0.5 ms per 64 cases, so it would dominate a read at a few thousand
/// cases, while the dot-product scan is two orders of magnitude cheaper per case. The price is that a case outside
/// the cosine top-N is never scored; ε-exploration and a larger <c>shortlist</c> are the knobs against that.</para>
/// <para><b>Caches.</b> A case's hashed features never change (its text is fixed; the bank is append-only), so they
/// are computed once per case. Its embedding e_c changes whenever θ does, i.e. after every optimiser step: rows are
/// stamped with the step count and recomputed when read under a newer θ. Between updates — frozen memory, a wave
/// of reads before its updates, repeated attempts — a shortlisted case costs only the MLP.</para>
/// <para><b>Cost per query</b> with N cases, encoder dimension d, shortlist S, embedding D, hidden H and L tokens per
/// text: O(N·d) for the scan (the only part that grows with the bank, linearly), O(S·L·D) for stale case
/// embeddings, O(S·D·H) for the MLP and O(S log S) for the selection.</para>
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
public sealed class QNetPolicy : ShortlistReadPolicy, ILearnedState, IDisposable
{
    /// <summary>Where a run leaves the network, usable as <c>memory.qnet.init</c>.</summary>

    public static readonly Plugin<IReadPolicy> Plugin = new("qnet", "a Q-network scores (task, case) pairs, trained online from rewards (design.md §2)",
        context => new QNetPolicy(context.Config.Memory.Settings.Get<QNetConfig>(), context.Config.Seed, context.Encoder()))
    {
        Settings = PluginSettings.In("qnet", QNetConfig.Bind),
    };

    private readonly QNetConfig _config;
    private readonly CaseScorer _scorer;
    private readonly ScorerOptimizer _optimizer;
    private readonly ReplayBuffer _buffer;
    private readonly Random _sampling;
    private readonly CaseEmbeddingCache _embeddings;
    private readonly List<(Case Case, int[] Features)?> _caseFeatures = new();
    private readonly TrainingHistory _history;
    private readonly bool _pretrained;
    private int _episodes;

    /// <param name="config">Hyperparameters (<c>memory.qnet</c>). With <c>init</c> set, the network comes from that
    /// checkpoint, whose shape must equal <c>buckets</c>/<c>embedding_dim</c>/<c>hidden</c>.</param>
    /// <param name="seed">Seeds the initial weights and the minibatch sampler.</param>
    /// <param name="encoder">Encoder of the first stage and the warm-up reads; without one, hashed term frequencies
    /// (TF-IDF with a flat IDF).</param>
    /// <param name="aucWindow">How many of the most recent pairs the rolling held-out AUC covers.</param>
    public QNetPolicy(QNetConfig config, int seed, ITextEncoder? encoder = null, int aucWindow = 200)
        : base(encoder ?? new HashedTfIdfEncoder(1024, []))
    {
        _config = config;
        _pretrained = config.Init is not null;
        _scorer = config.Init is null ? new CaseScorer(ScorerArchitecture.From(config), seed) : LoadInit(config, config.Init);
        _optimizer = new ScorerOptimizer(_scorer, config.LearningRate, config.EmbeddingLearningRate);
        _buffer = new ReplayBuffer(config.BufferSize);
        _sampling = new Random(seed);
        _embeddings = new CaseEmbeddingCache(_scorer.Architecture.EmbeddingDim);
        _history = new TrainingHistory(aucWindow);
    }

    /// <summary>Loads <c>init</c>, refusing a checkpoint whose shape differs from the config's: the run folder's
    /// config.yaml must record the network that was really used.</summary>
    internal static CaseScorer LoadInit(QNetConfig config, string path)
    {
        var scorer = CaseScorer.Load(path);
        var (found, configured) = (scorer.Architecture, ScorerArchitecture.From(config));
        if (found == configured) return scorer;
        scorer.Dispose();
        var differences = new[]
        {
            ("buckets", configured.Buckets, found.Buckets),
            ("embedding_dim", configured.EmbeddingDim, found.EmbeddingDim),
            ("hidden", configured.Hidden, found.Hidden),
        }.Where(d => d.Item2 != d.Item3).Select(d => $"memory.qnet.{d.Item1} = {d.Item2} but the checkpoint has {d.Item3}");
        throw new MementoException($"config: memory.qnet.init = '{path}' does not match the config: {string.Join("; ", differences)}; set those keys to the checkpoint's values");
    }

    public CaseScorer Scorer => _scorer;

    /// <summary>Pairs in the replay buffer.</summary>
    public int BufferCount => _buffer.Count;

    /// <summary>Optimiser steps taken so far.</summary>
    public long Steps => _optimizer.Steps;

    /// <summary>Whether reads rank by Q (true) or still by similarity during warm-up.</summary>
    public bool UsesNetwork => _pretrained || _buffer.Count >= _config.Warmup;

    public IReadOnlyList<TrainingPoint> History => _history.Points;

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
            var scores = ScoreCandidates(_scorer.Features(request.Task.Question), candidates, similarity, request.Bank);
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
            return _scorer.Score(_scorer.Features(task), cases.Select(FeaturesOf).ToArray(), similarity, Outcomes(cases));
        }
    }

    public override void Update(EpisodeFeedback feedback)
    {
        lock (Gate)
        {
            _episodes++;
            var task = _scorer.Features(feedback.Task.Question);
            var cases = feedback.Retrieved.Select(FeaturesOf).ToArray();
            var query = Shortlist.Encode(feedback.Task.Question);
            var similarity = feedback.Retrieved.Select(c => Shortlist.Similarity(query, c)).ToArray();
            // Score before storing or training, so the rolling AUC measures pairs the network has not yet seen.
            var outcomes = Outcomes(feedback.Retrieved);
            var predictions = _scorer.Score(task, cases, similarity, outcomes);
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
        lock (Gate) _scorer.Save(path);
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
        _optimizer.Dispose();
        _scorer.Dispose();
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
            total += _optimizer.Step(batch.Tasks, batch.Cases, batch.Similarities, batch.Rewards, positiveWeight, batch.Outcomes);
        }
        return total / _config.UpdatesPerEpisode;
    }

    /// <summary>Q of the shortlisted cases in one batched call, reusing case embeddings computed under the current θ.</summary>
    private float[] ScoreCandidates(int[] task, int[] candidates, float[] similarity, CaseBank bank)
    {
        var version = _optimizer.Steps;
        var dimension = _scorer.Architecture.EmbeddingDim;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var stale = candidates.Where(id => !_embeddings.IsFresh(id, version)).ToArray();
        if (stale.Length > 0)
        {
            var fresh = _scorer.EmbedCases(stale.Select(id => FeaturesOf(bank[id])).ToArray()).data<float>().ToArray();
            for (var i = 0; i < stale.Length; i++) _embeddings.Put(stale[i], version, fresh.AsSpan(i * dimension, dimension));
        }
        var rows = new float[candidates.Length * dimension];
        for (var i = 0; i < candidates.Length; i++) _embeddings.Row(candidates[i]).CopyTo(rows.AsSpan(i * dimension));
        var caseEmbeddings = tensor(rows, [candidates.Length, dimension]);
        var outcomes = tensor(candidates.Select(id => (float)bank[id].Reward).ToArray());
        return sigmoid(_scorer.Head(_scorer.EmbedTasks([task]), caseEmbeddings, tensor(similarity), outcomes)).data<float>().ToArray();
    }

    private static float[] Outcomes(IReadOnlyList<Case> cases) => cases.Select(c => (float)c.Reward).ToArray();

    /// <summary>Hashed features of a case's text, computed once per bank id (the stored case is compared, so a
    /// case from elsewhere that reuses an id is never given another case's features).</summary>
    private int[] FeaturesOf(Case c)
    {
        if (c.Id < 0) return _scorer.Features(c.Text);
        while (_caseFeatures.Count <= c.Id) _caseFeatures.Add(null);
        if (_caseFeatures[c.Id] is { } entry && (ReferenceEquals(entry.Case, c) || entry.Case == c)) return entry.Features;
        var features = _scorer.Features(c.Text);
        _caseFeatures[c.Id] = (c, features);
        return features;
    }
}
