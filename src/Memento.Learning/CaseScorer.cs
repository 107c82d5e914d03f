using Memento.Core;
using Memento.Core.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>
/// Q(s, c; θ) ∈ (0, 1): the probability that showing case c to the planner helps on task s.
/// <para>Text is encoded inside the network: hashed cl100k unigrams and bigrams (<see cref="TokenHasher"/>) feed a
/// mean <c>EmbeddingBag</c> for the task and another for the case text (question + plan); a two-layer MLP over
/// [e_s, e_c, e_s ⊙ e_c, |e_s − e_c|, sim, r_c] gives a logit, where sim is the first-stage cosine similarity of task
/// and case question and r_c the case's recorded outcome (1 success, 0 failure). The product and distance terms let
/// the head read agreement between task and case directly.</para>
/// <para>Why r_c as its own input: the case is (s, a, r), and whether its plan worked is what a planner most needs.
/// Inside the case text the outcome is three tokens among dozens in a mean bag, diluted below what online training
/// picks up; measured on the simulator over the DeepResearcher questions (limit 100 per source, 5 iterations), the
/// network without it ended at 39% against similarity's 61%, reading fewer successful cases than plain similarity.</para>
/// <para>Why sim, and a skip path logit = MLP(…) + w·sim + b with the MLP's output layer starting at zero: a
/// from-scratch network must see several successes per kind of task before it knows which tokens of a task and a
/// case should agree, and until then it ranks worse than plain similarity (measured on a keyword toy world, K = 1:
/// 0.2–0.35 top-1 hits over the first 1,000 episodes against similarity's ~0.6; with sim, ~0.5 by then and 0.67
/// after 2,000). Starting as a monotone function of similarity, the network reads exactly like similarity before
/// training and learns only the corrections the data support.</para>
/// <para>The bags are sparse (only the rows a batch touches get a gradient): dense optimisers over a hashed table
/// touch every row and cost hundreds of ms per step at 2^18 buckets (docs/design.md §7), so <see cref="ScorerOptimizer"/>
/// trains the tables with row-sparse Adagrad and the MLP with Adam.</para>
/// </summary>
public sealed class CaseScorer : nn.Module
{
    // Self-describing checkpoint: a header with the architecture, then TorchSharp's state dict, so a file can be
    // loaded without knowing the config that trained it.
    private const string FileMagic = "memento-qnet";
    private const int FileVersion = 3;

    private readonly EmbeddingBag taskBag;
    private readonly EmbeddingBag caseBag;
    private readonly Linear hidden;
    private readonly Linear output;
    private readonly Linear prior;

    /// <summary>Builds a network with weights drawn from torch's global generator seeded by <paramref name="seed"/>.
    /// Seeding happens under a process-wide lock so concurrently built networks stay reproducible.</summary>
    public CaseScorer(ScorerArchitecture architecture, int seed) : base(nameof(CaseScorer))
    {
        Architecture = architecture;
        lock (TorchRuntime.SeedGate)
        {
            TorchRuntime.Configure();
            torch.manual_seed(seed);
            taskBag = nn.EmbeddingBag(architecture.Buckets, architecture.EmbeddingDim, mode: EmbeddingBagMode.Mean, sparse: true);
            caseBag = nn.EmbeddingBag(architecture.Buckets, architecture.EmbeddingDim, mode: EmbeddingBagMode.Mean, sparse: true);
            hidden = nn.Linear(ScoringHead.InputWidth(architecture.EmbeddingDim), architecture.Hidden);
            output = nn.Linear(architecture.Hidden, 1);
            prior = nn.Linear(1, 1);
            using (no_grad())
            {
                // N(0, 1) rows (torch's default) make a bag's mean dominated by its init noise for many steps;
                // small rows let the learned signal take over quickly.
                nn.init.normal_(taskBag.weight!, 0, TorchRuntime.EmbeddingInitStd);
                nn.init.normal_(caseBag.weight!, 0, TorchRuntime.EmbeddingInitStd);
            }
            ScoringHead.StartAsSimilarity(output, prior);
        }
        RegisterComponents();
    }

    public ScorerArchitecture Architecture { get; }

    /// <summary>Hashed feature ids of a text, in this network's bucket space.</summary>
    public int[] Features(string text) => TokenHasher.Features(text, Architecture.Buckets);

    public Tensor EmbedTasks(IReadOnlyList<int[]> bags)
    {
        var (ids, offsets) = FeatureBags.Pack(bags);
        return taskBag.call(ids, offsets);
    }

    public Tensor EmbedCases(IReadOnlyList<int[]> bags)
    {
        var (ids, offsets) = FeatureBags.Pack(bags);
        return caseBag.call(ids, offsets);
    }

    /// <summary>Logits [B] from task embeddings [B, D] (or [1, D], broadcast), case embeddings [B, D], first-stage
    /// similarities [B] and case outcomes [B] (1 success, 0 failure).</summary>
    public Tensor Head(Tensor tasks, Tensor cases, Tensor similarity, Tensor outcome) =>
        ScoringHead.Logits(hidden, output, prior, tasks, cases, similarity, outcome);

    /// <summary>Logits [B] of paired (task, case) feature bags, their similarities and the cases' outcomes
    /// (null: all failures, for pairs whose outcome is unknown).</summary>
    public Tensor Logits(IReadOnlyList<int[]> tasks, IReadOnlyList<int[]> cases, float[] similarity, float[]? outcome = null) =>
        Head(EmbedTasks(tasks), EmbedCases(cases), tensor(similarity), tensor(outcome ?? new float[similarity.Length]));

    /// <summary>Q of paired (task, case) feature bags, computed without a graph in one batched call.</summary>
    public float[] ScorePairs(IReadOnlyList<int[]> tasks, IReadOnlyList<int[]> cases, float[] similarity, float[]? outcome = null)
    {
        if (cases.Count == 0) return [];
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return sigmoid(Logits(tasks, cases, similarity, outcome)).data<float>().ToArray();
    }

    /// <summary>Q of one task against many cases: the task is embedded once and broadcast.</summary>
    public float[] Score(int[] task, IReadOnlyList<int[]> cases, float[] similarity, float[]? outcome = null)
    {
        if (cases.Count == 0) return [];
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return sigmoid(Head(EmbedTasks([task]), EmbedCases(cases), tensor(similarity), tensor(outcome ?? new float[similarity.Length])))
            .data<float>().ToArray();
    }

    /// <summary>The hashed tables (sparse gradients) and the rest (dense), which need different optimisers.</summary>
    public IEnumerable<Parameter> EmbeddingParameters() => [taskBag.weight!, caseBag.weight!];

    public IEnumerable<Parameter> DenseParameters() =>
        hidden.parameters().Concat(output.parameters()).Concat(prior.parameters());

    public void Save(string path)
    {
        using var writer = ScoringHead.CreateCheckpoint(path, FileMagic, FileVersion);
        writer.Write(Architecture.Buckets);
        writer.Write(Architecture.EmbeddingDim);
        writer.Write(Architecture.Hidden);
        save(writer);
    }

    /// <summary>Rebuilds the network a checkpoint describes and loads its weights.</summary>
    public static CaseScorer Load(string path)
    {
        if (!File.Exists(path)) throw MementoException.MissingFile(path, "Q-network checkpoint");
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        ScorerArchitecture architecture;
        try
        {
            var magic = reader.ReadString();
            var version = reader.ReadInt32();
            if (magic != FileMagic || version != FileVersion)
                throw new MementoException($"{path}: not a Q-network checkpoint ({FileMagic} v{FileVersion})");
            architecture = new ScorerArchitecture(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            throw new MementoException($"{path}: truncated Q-network checkpoint");
        }
        var scorer = new CaseScorer(architecture, seed: 0);
        scorer.load(reader);
        scorer.eval();
        ScoringHead.RefuseNonFinite(scorer, path);
        return scorer;
    }
}
