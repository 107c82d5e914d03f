namespace Memento.Core.Loop;

/// <summary>
/// Stops a run whose episodes keep failing: at once on an error that will fail every request alike (a refused key, an
/// unknown model, an unreachable server), and when more than <c>schedule.max_error_rate</c> of the episodes so far
/// failed, from the <see cref="MinErrors"/>-th error on (so a long run's first unlucky error does not end it). Episodes replayed by a resume were already let through
/// once, so they only count. It is the last sink, so the episode that stops the run is logged first.
/// </summary>
/// <param name="replayed">Episodes replayed from the log before new ones run.</param>
/// <param name="runDir">The run folder, named in the stop message with the command that continues it.</param>
public sealed class ErrorBudget(double maxRate, int replayed, string runDir) : IEpisodeSink
{
    public const int MinErrors = 5;

    private int _seen, _errors;

    public void Record(Episode episode)
    {
        _seen++;
        if (episode.Judgement.Error is not { } error) return;
        _errors++;
        if (_seen <= replayed) return;
        var what = $"episode {episode.Number} (task {episode.Task.Id}) failed with {error.Kind}: {error.Message}";
        var then = $"the finished episodes are kept; fix the cause, then run again with --resume {runDir} --retry-errors";
        if (EpisodeErrorKinds.RepeatsForEveryRequest(error.Kind))
            throw new MementoException($"{what}; every further request would fail alike, so the run stopped — {then}");
        if (_errors >= MinErrors && _errors > maxRate * _seen)
            throw new MementoException($"{_errors} of {_seen} episodes failed, more than schedule.max_error_rate = {maxRate}; the last: {what}; {then}");
    }
}
