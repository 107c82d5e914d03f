using Memento.Core.Loop;

namespace Memento.Cli.Running;

/// <summary>Shows a run's progress; each run gets a tracker that sees its episodes.</summary>
internal interface IProgressDisplay
{
    IProgressTracker Track(string name, int totalEpisodes);

    /// <summary>A progress callback (done, total) for a step before the episodes, e.g. encoding a large bank.</summary>
    Action<int, int> Steps(string name);
}

internal interface IProgressTracker : IEpisodeSink, IDisposable
{
    /// <summary>Shows a passing event of the run, such as a retried request.</summary>
    void Note(string line);
}
