using Memento.Core.Loop;

namespace Memento.Cli.Running;

/// <summary>Several sinks in order; a null one (a box that needs no word of finished episodes) is skipped.</summary>
internal sealed class CompositeSink(params IEpisodeSink?[] sinks) : IEpisodeSink
{
    public void Record(Episode episode)
    {
        foreach (var sink in sinks) sink?.Record(episode);
    }
}
