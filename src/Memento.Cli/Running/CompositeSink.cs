using Memento.Core.Loop;

namespace Memento.Cli.Running;

internal sealed class CompositeSink(params IEpisodeSink[] sinks) : IEpisodeSink
{
    public void Record(Episode episode)
    {
        foreach (var sink in sinks) sink.Record(episode);
    }
}
