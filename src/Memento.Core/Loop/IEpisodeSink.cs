using Memento.Core.Results;

namespace Memento.Core.Loop;

/// <summary>Receives every finished episode, in episode order (CSV log, progress display, summaries).</summary>
public interface IEpisodeSink
{
    void Record(EpisodeRecord episode);
}
