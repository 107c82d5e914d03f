using Memento.Core.Agents;

namespace Memento.Core.Loop;

/// <summary>
/// Stops a run whose episodes keep failing: at once on an error that will fail every request alike (a refused key, an
/// unknown model, an unreachable server), and when more than <c>schedule.max_error_rate</c> of the episodes so far
/// failed, from the <see cref="MinErrors"/>-th error on (so a long run's first unlucky error does not end it); and when
/// more than <c>schedule.max_tool_error_rate</c> of the executor's tool calls so far failed, from the
/// <see cref="MinToolErrors"/>-th failed call on — a dead tool backend is not a run that succeeds without its tool. Episodes replayed by a resume were already let through
/// once, so they only count. It is the last sink, so the episode that stops the run is logged first.
/// </summary>
/// <param name="replayed">Episodes replayed from the log before new ones run.</param>
/// <param name="runDir">The run folder, named in the stop message with the command that continues it.</param>
/// <param name="maxToolRate"><c>schedule.max_tool_error_rate</c> (1: never stop for tools).</param>
public sealed class ErrorBudget(double maxRate, int replayed, string runDir, double maxToolRate = 1) : IEpisodeSink
{
    public const int MinErrors = 5;
    public const int MinToolErrors = 10;

    private int _seen, _errors, _toolCalls, _toolErrors;

    public void Record(Episode episode)
    {
        _seen++;
        CountTools(episode);
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

    private void CountTools(Episode episode)
    {
        var calls = episode.Result.ToolCalls.ToList();
        _toolCalls += calls.Count;
        _toolErrors += calls.Count(c => c.Failed);
        if (_seen <= replayed || calls.LastOrDefault(c => c.Failed) is not { } last) return;
        if (_toolErrors >= MinToolErrors && _toolErrors > maxToolRate * _toolCalls)
            throw new MementoException(
                $"{_toolErrors} of {_toolCalls} tool calls failed, more than schedule.max_tool_error_rate = {maxToolRate}; the last: {last.Name} in episode " +
                $"{episode.Number} (task {episode.Task.Id}): {last.Result[ToolCallTrace.ErrorPrefix.Length..].ReplaceLineEndings(" ")}; the episodes so far " +
                $"are kept in {runDir}, but they ran without a working {last.Name}: fix it (or take it out of the config) and run again");
    }
}
