namespace Memento.Core.Loop;

/// <summary>Keeps every recorded episode in memory, in order.</summary>
public sealed class EpisodeList : IEpisodeSink
{
    public List<Episode> Episodes { get; } = new();

    public void Record(Episode episode) => Episodes.Add(episode);
}
