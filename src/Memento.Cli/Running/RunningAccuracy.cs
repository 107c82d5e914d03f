using Memento.Core.Loop;

namespace Memento.Cli.Running;

/// <summary>Live accuracy of the current iteration for progress displays.</summary>
internal sealed class RunningAccuracy
{
    private int _iteration, _n, _correct;

    /// <summary>Adds an episode. When it starts a new iteration, returns the finished iteration's accuracy.</summary>
    public string? Add(Episode episode)
    {
        string? finished = null;
        if (episode.Iteration != _iteration)
        {
            if (_iteration != 0) finished = Finished();
            (_iteration, _n, _correct) = (episode.Iteration, 0, 0);
        }
        _n++;
        _correct += episode.Reward ?? 0;
        return finished;
    }

    /// <summary>The current iteration's closing line (the last iteration gets it when the run's final episode is in).</summary>
    public string Finished() => $"iteration {_iteration} finished: accuracy {Describe()}";

    public string Describe() => _n == 0 ? "-" : $"{100.0 * _correct / _n:F1}% ({_correct}/{_n})";
}
