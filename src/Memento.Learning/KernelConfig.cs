using Memento.Core.Config;

namespace Memento.Learning;

/// <summary><c>memory.kernel</c>: the hyperparameters of <see cref="KernelEpisodicPolicy"/>.</summary>
/// <param name="Temperature">Read temperature τ; 0 reads greedily. Separate from <see cref="Alpha"/>, the TD target's
/// temperature, because Q_EC ∈ [0, 1] and α = 1 would make reads almost uniform.</param>
public sealed record KernelConfig(
    int ProjectionDim, double LearningRate, double Beta, double Gamma, double Alpha, int StoreSize, int BatchSize,
    int UpdatesPerEpisode, double Bandwidth, int Shortlist, double Temperature, string? Init = null)
{
    public static KernelConfig Bind(ConfigNode kn) => new(
        kn.Int("projection_dim", 64, "size of the learned projection of task vectors", 2, 4096),
        kn.Double("lr", 1e-3, "learning rate of the projection (Adam)", 1e-7, 1),
        kn.Double("beta", 0.05, "soft update rate of the target projection", 0, 1),
        kn.Double("gamma", 0, "discount of the soft TD target (0: the reward alone)", 0, 1),
        kn.Double("alpha", 1.0, "temperature of the soft TD target's log-sum-exp", 1e-6, 100),
        kn.Int("store_size", 20000, "episodic store capacity in (task, case, value) entries, FIFO", 1, 10_000_000),
        kn.Int("batch_size", 64, "entries per training step (the episode's plus replayed ones)", 1, 65536),
        kn.Int("updates_per_episode", 1, "training steps after each episode", 0, 1000),
        kn.Double("bandwidth", 1.0, "kernel bandwidth of exp(-distance²/bandwidth)", 1e-6, 100),
        kn.Int("shortlist", 64, "cases the cosine first stage passes to the kernel estimate", 1, 100_000),
        kn.Double("temperature", 0, "read temperature: 0 takes the top K by Q_EC, > 0 samples from softmax(Q_EC/temperature)", 0, 100),
        kn.OptionalString("init", "kernel.pt of an earlier run to start the projection from (projection_dim and the encoder must match it)"));
}
