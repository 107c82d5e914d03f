using Memento.Core.Loop;

namespace Memento.Cli.Running;

/// <summary>Shows a run's progress; each run gets a tracker that sees its episodes.</summary>
public interface IProgressDisplay
{
    IProgressTracker Track(string name, int totalEpisodes);
}

public interface IProgressTracker : IEpisodeSink, IDisposable;
