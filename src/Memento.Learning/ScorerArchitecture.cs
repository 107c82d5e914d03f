namespace Memento.Learning;

/// <summary>The shape of a <see cref="CaseScorer"/>: what a checkpoint must record so it can be rebuilt before its
/// weights are loaded. Optimiser settings are not part of it: they do not change the scores.</summary>
public sealed record ScorerArchitecture(int Buckets, int EmbeddingDim, int Hidden)
{
    public static ScorerArchitecture From(QNetConfig config) =>
        new(config.Buckets, config.EmbeddingDim, config.Hidden);
}
