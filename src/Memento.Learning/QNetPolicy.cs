using Memento.Core;
using Memento.Core.Memory;
using Memento.Core.Plugins;
using Memento.Core.Text;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>
/// <c>memory.policy: qnet</c> with <c>memory.qnet.features: hashed</c>: the <see cref="CaseScorer"/> reads hashed
/// unigram and bigram bags of the task and of the case text (question + plan + outcome) through sparse embedding
/// tables learned from scratch (<see cref="QNetPolicyCore{T}"/> has the read and update rules).
/// <para><b>Caches.</b> A case's hashed features never change (its text is fixed; the bank is append-only), so they
/// are computed once per case. Its embedding e_c changes whenever θ does, i.e. after every optimiser step: rows are
/// stamped with the step count and recomputed when read under a newer θ. Between updates — frozen memory, a wave
/// of reads before its updates, repeated attempts — a shortlisted case costs only the MLP.</para>
/// <para><b>Cost per query</b> with N cases, encoder dimension d, shortlist S, embedding D, hidden H and L tokens per
/// text: O(N·d) for the scan (the only part that grows with the bank, linearly), O(S·L·D) for stale case
/// embeddings, O(S·D·H) for the MLP and O(S log S) for the selection.</para>
/// </summary>
public sealed class QNetPolicy : QNetPolicyCore<int[]>
{
    public static readonly Plugin<IReadPolicy> Plugin = new("qnet", "a Q-network scores (task, case) pairs, trained online from rewards (docs/design.md §2)",
        context => context.Config.Memory.Settings.Get<QNetConfig>() is var config && config.Features == "encoder"
            ? new EncoderQNetPolicy(config, context.Config.Seed, context.Encoder())
            : new QNetPolicy(config, context.Config.Seed, context.Encoder()))
    {
        Settings = PluginSettings.In("qnet", QNetConfig.Bind),
    };

    private readonly CaseScorer _scorer;
    private readonly CaseEmbeddingCache _embeddings;
    private readonly List<(Case Case, int[] Features)?> _caseFeatures = new();

    /// <param name="config">Hyperparameters (<c>memory.qnet</c>). With <c>init</c> set, the network comes from that
    /// checkpoint, whose shape must equal <c>buckets</c>/<c>embedding_dim</c>/<c>hidden</c>.</param>
    /// <param name="seed">Seeds the initial weights and the minibatch sampler.</param>
    /// <param name="encoder">Encoder of the first stage and the warm-up reads; without one, hashed term frequencies
    /// (TF-IDF with a flat IDF).</param>
    /// <param name="aucWindow">How many of the most recent pairs the rolling held-out AUC covers.</param>
    public QNetPolicy(QNetConfig config, int seed, ITextEncoder? encoder = null, int aucWindow = 200)
        : this(config, config.Init is null ? new CaseScorer(ScorerArchitecture.From(config), seed) : LoadInit(config, config.Init), seed, encoder, aucWindow)
    {
    }

    private QNetPolicy(QNetConfig config, CaseScorer scorer, int seed, ITextEncoder? encoder, int aucWindow)
        : base(config, seed, encoder ?? new HashedTfIdfEncoder(1024, []), new HashedPairModel(scorer, config.LearningRate, config.EmbeddingLearningRate), aucWindow)
    {
        _scorer = scorer;
        _embeddings = new CaseEmbeddingCache(scorer.Architecture.EmbeddingDim);
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

    protected override int[] TaskOf(string question, float[] query) => _scorer.Features(question);

    /// <summary>Hashed features of a case's text, computed once per bank id (the stored case is compared, so a
    /// case from elsewhere that reuses an id is never given another case's features).</summary>
    protected override int[] CaseOf(Case c)
    {
        if (c.Id < 0) return _scorer.Features(c.Text);
        while (_caseFeatures.Count <= c.Id) _caseFeatures.Add(null);
        if (_caseFeatures[c.Id] is { } entry && (ReferenceEquals(entry.Case, c) || entry.Case == c)) return entry.Features;
        var features = _scorer.Features(c.Text);
        _caseFeatures[c.Id] = (c, features);
        return features;
    }

    /// <summary>Q of the shortlisted cases in one batched call, reusing case embeddings computed under the current θ.</summary>
    protected override float[] ScoreCandidates(int[] task, int[] candidates, float[] similarity, CaseBank bank)
    {
        var version = Model.Steps;
        var dimension = _scorer.Architecture.EmbeddingDim;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var stale = candidates.Where(id => !_embeddings.IsFresh(id, version)).ToArray();
        if (stale.Length > 0)
        {
            var fresh = _scorer.EmbedCases(stale.Select(id => CaseOf(bank[id])).ToArray()).data<float>().ToArray();
            for (var i = 0; i < stale.Length; i++) _embeddings.Put(stale[i], version, fresh.AsSpan(i * dimension, dimension));
        }
        var rows = new float[candidates.Length * dimension];
        for (var i = 0; i < candidates.Length; i++) _embeddings.Row(candidates[i]).CopyTo(rows.AsSpan(i * dimension));
        var caseEmbeddings = tensor(rows, [candidates.Length, dimension]);
        var outcomes = tensor(candidates.Select(id => (float)bank[id].Reward).ToArray());
        return sigmoid(_scorer.Head(_scorer.EmbedTasks([task]), caseEmbeddings, tensor(similarity), outcomes)).data<float>().ToArray();
    }
}
