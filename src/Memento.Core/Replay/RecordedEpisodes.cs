using Memento.Core.Judging;
using Memento.Core.Results;

namespace Memento.Core.Replay;

/// <summary>Recorded agent outputs and judgements of a resumed run. Outputs are looked up by episode identity
/// (iteration, attempt, task id); judgements by task and answer, each recorded one served once, in the order they were
/// made (the loop judges one episode at a time in episode order, and an episode whose agent failed was never judged).
/// With <c>retryErrors</c> the errored episodes are left out, so they run again: a failed agent is asked again, and a
/// failed judge judges the recorded answer again.</summary>
public sealed class RecordedEpisodes
{
    private readonly Dictionary<(int Iteration, int Attempt, string TaskId), TrajectoryLine> _byEpisode = new();
    private readonly Dictionary<(string TaskId, string Answer), Queue<Judgement>> _judgements = new();

    public RecordedEpisodes(IReadOnlyList<TrajectoryLine> episodes, bool retryErrors = false)
    {
        foreach (var e in episodes)
        {
            if (retryErrors && e.Agent.Error is not null) continue;
            _byEpisode[(e.Iteration, e.Attempt, e.TaskId)] = e;
            if (e.Agent.Error is not null || (retryErrors && e.Judgement.ErrorKind is not null)) continue;
            var key = (e.TaskId, e.Agent.Answer);
            if (!_judgements.TryGetValue(key, out var queue)) _judgements[key] = queue = new Queue<Judgement>();
            queue.Enqueue(e.Judgement);
        }
    }

    public int Count => _byEpisode.Count;

    public TrajectoryLine? Find(int iteration, int attempt, string taskId) =>
        _byEpisode.GetValueOrDefault((iteration, attempt, taskId));

    /// <summary>The next recorded judgement of this task and answer — with its rationale and usage, so a replayed
    /// episode's row equals the original's — or null when none is left.</summary>
    public Judgement? NextJudgement(string taskId, string answer)
    {
        lock (_judgements)
            return _judgements.TryGetValue((taskId, answer), out var queue) && queue.TryDequeue(out var judgement) ? judgement : null;
    }
}
