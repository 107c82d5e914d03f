using Memento.Core.Loop;

namespace Memento.Cli.Running;

/// <summary>Shows a run's progress; each run gets a tracker that sees its episodes.</summary>
public interface IProgressDisplay
{
    IProgressTracker Track(string name, int totalEpisodes);
}

public interface IProgressTracker : IEpisodeSink, IDisposable
{
    /// <summary>Shows a passing event of the run, such as a retried request.</summary>
    void Note(string line);
}
