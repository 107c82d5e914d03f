namespace Memento.Core.Loop;

/// <summary>Receives every finished episode, in episode order (CSV log, trajectory log, progress display).</summary>
public interface IEpisodeSink
{
    void Record(Episode episode);
}
