using Memento.Core.Loop;
using Memento.Core.Results;

namespace Memento.Cli.Running;

internal sealed class CompositeSink(params IEpisodeSink[] sinks) : IEpisodeSink
{
    public void Record(EpisodeRecord episode)
    {
        foreach (var sink in sinks) sink.Record(episode);
    }
}
