using Memento.Core;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>
/// <c>memory.qnet.features: encoder</c> — Q(s, c; θ) as the paper builds it: a two-layer MLP over
/// [z_s, z_c, z_s ⊙ z_c, |z_s − z_c|, sim, r_c], where z is the FROZEN sentence vector of the task and of the case's
/// question (the same vectors the similarity read and the first stage use, so nothing is encoded twice), optionally
/// passed through a small trainable linear adapter shared by task and case (<c>adapter_dim</c> &gt; 0). There are no
/// sparse tables: every parameter is dense and small, so one Adam step is a handful of matrix products.
/// As in <see cref="CaseScorer"/>, a skip path w·sim + b starting steep and an output layer starting at zero make the
/// untrained network rank exactly like similarity, and r_c (the case's recorded outcome) is its own input.
/// </summary>
internal sealed class EncoderCaseScorer : nn.Module
{
    private const string FileMagic = "memento-qnet-encoder";
    private const int FileVersion = 1;

    private readonly Linear? adapter;
    private readonly Linear hidden;
    private readonly Linear output;
    private readonly Linear prior;

    /// <param name="inputDim">The encoder's dimension.</param>
    /// <param name="adapterDim">0: the frozen vectors enter the MLP as they are; otherwise their trainable projection to
    /// this many dimensions, starting as a random projection that preserves distances.</param>
    public EncoderCaseScorer(int inputDim, int adapterDim, int hiddenDim, int seed) : base(nameof(EncoderCaseScorer))
    {
        InputDim = inputDim;
        AdapterDim = adapterDim;
        HiddenDim = hiddenDim;
        var width = adapterDim > 0 ? adapterDim : inputDim;
        lock (TorchRuntime.SeedGate)
        {
            TorchRuntime.Configure();
            torch.manual_seed(seed);
            if (adapterDim > 0) adapter = nn.Linear(inputDim, adapterDim, hasBias: false);
            hidden = nn.Linear(ScoringHead.InputWidth(width), hiddenDim);
            output = nn.Linear(hiddenDim, 1);
            prior = nn.Linear(1, 1);
            if (adapter is not null)
                using (no_grad()) nn.init.normal_(adapter.weight!, 0, 1 / Math.Sqrt(adapterDim));
            ScoringHead.StartAsSimilarity(output, prior);
        }
        RegisterComponents();
    }

    public int InputDim { get; }
    public int AdapterDim { get; }
    public int HiddenDim { get; }

    /// <summary>Logits [B] from task vectors [B, d] (or [1, d], broadcast), case vectors [B, d], similarities [B] and
    /// case outcomes [B].</summary>
    public Tensor Logits(Tensor tasks, Tensor cases, Tensor similarity, Tensor outcome)
    {
        if (adapter is not null)
        {
            tasks = adapter.call(tasks);
            cases = adapter.call(cases);
        }
        return ScoringHead.Logits(hidden, output, prior, tasks, cases, similarity, outcome);
    }

    /// <summary>Rows as one [n, d] tensor.</summary>
    public Tensor Stack(IReadOnlyList<float[]> rows)
    {
        var flat = new float[rows.Count * InputDim];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != InputDim) throw new ArgumentException($"vector of dimension {rows[i].Length}; this network reads {InputDim}");
            rows[i].CopyTo(flat, i * InputDim);
        }
        return tensor(flat, [rows.Count, InputDim]);
    }

    public void Save(string path)
    {
        using var writer = ScoringHead.CreateCheckpoint(path, FileMagic, FileVersion);
        writer.Write(InputDim);
        writer.Write(AdapterDim);
        writer.Write(HiddenDim);
        save(writer);
    }

    /// <summary>Rebuilds the network a checkpoint describes and loads its weights; the encoder must have the
    /// checkpoint's dimension.</summary>
    public static EncoderCaseScorer Load(string path, int encoderDim)
    {
        if (!File.Exists(path)) throw MementoException.MissingFile(path, "Q-network checkpoint");
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        int inputDim, adapterDim, hiddenDim;
        try
        {
            if (reader.ReadString() != FileMagic || reader.ReadInt32() != FileVersion)
                throw new MementoException($"{path}: not an encoder-feature Q-network checkpoint ({FileMagic} v{FileVersion}); memory.qnet.features must match the checkpoint");
            (inputDim, adapterDim, hiddenDim) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            throw new MementoException($"{path}: truncated Q-network checkpoint");
        }
        if (inputDim != encoderDim)
            throw new MementoException($"{path}: the network reads {inputDim}-dimensional encoder vectors but memory.encoder gives {encoderDim}");
        var scorer = new EncoderCaseScorer(inputDim, adapterDim, hiddenDim, seed: 0);
        scorer.load(reader);
        scorer.eval();
        ScoringHead.RefuseNonFinite(scorer, path);
        return scorer;
    }
}
