using Memento.Core;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>
/// What both Q-networks (<see cref="CaseScorer"/>, <see cref="EncoderCaseScorer"/>) share: the joint input
/// [e_s, e_c, e_s ⊙ e_c, |e_s − e_c|, sim, r_c], the two-layer MLP with a skip path on the similarity, the skip path's
/// starting point, and the checkpoint checks.
/// </summary>
internal static class ScoringHead
{
    // The skip path starts as a steep function of similarity: cosines of a shortlist differ by tenths, and with a
    // unit weight the untrained head's noise outranked them within a few updates (measured: online qnet fell below
    // plain similarity in the first iteration). A steep start keeps similarity's order until the data say otherwise.
    private const float PriorSimilarityWeight = 10f;

    /// <summary>Width of the joint input for task and case vectors of <paramref name="width"/>.</summary>
    public static int InputWidth(int width) => 4 * width + 2;

    /// <summary>An output layer at zero and a steep skip path: the untrained network ranks exactly like similarity.</summary>
    public static void StartAsSimilarity(Linear output, Linear prior)
    {
        using (no_grad())
        {
            nn.init.zeros_(output.weight!);
            nn.init.zeros_(output.bias!);
            nn.init.constant_(prior.weight!, PriorSimilarityWeight);
            nn.init.zeros_(prior.bias!);
        }
    }

    /// <summary>Logits [B] = MLP(joint) + prior(sim), for tasks [B, D] (or [1, D], broadcast) and cases [B, D].</summary>
    public static Tensor Logits(Linear hidden, Linear output, Linear prior, Tensor tasks, Tensor cases, Tensor similarity, Tensor outcome)
    {
        if (tasks.shape[0] != cases.shape[0]) tasks = tasks.expand(cases.shape[0], -1);
        var sim = similarity.unsqueeze(1);
        var joint = cat([tasks, cases, tasks.mul(cases), tasks.sub(cases).abs(), sim, outcome.unsqueeze(1)], 1);
        var learned = output.call(nn.functional.relu(hidden.call(joint)));
        return learned.add_(prior.call(sim), TorchRuntime.One).squeeze(1);
    }

    /// <summary>A network that diverged elsewhere would only make this run's reads and losses NaN from the first
    /// episode: refuse it on load.</summary>
    public static void RefuseNonFinite(nn.Module network, string path)
    {
        if (network.named_parameters().FirstOrDefault(p => !FiniteGuard.AllFinite(p.parameter)) is not { name: { } name }) return;
        network.Dispose();
        throw new MementoException($"{path}: parameter '{name}' holds NaN or infinite values; not a usable Q-network checkpoint");
    }

    /// <summary>Opens a checkpoint for writing, creating its folder.</summary>
    public static BinaryWriter CreateCheckpoint(string path, string magic, int version)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var writer = new BinaryWriter(File.Create(path));
        writer.Write(magic);
        writer.Write(version);
        return writer;
    }
}
