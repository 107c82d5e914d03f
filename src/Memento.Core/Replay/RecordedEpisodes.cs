using Memento.Core.Judging;
using Memento.Core.Results;

namespace Memento.Core.Replay;

/// <summary>Recorded agent outputs and judgements: outputs looked up by episode identity (iteration, attempt, task id),
/// judgements by position, since the loop judges episodes one at a time in episode order.</summary>
public sealed class RecordedEpisodes
{
    private readonly IReadOnlyList<TrajectoryLine> _inOrder;
    private readonly Dictionary<(int Iteration, int Attempt, string TaskId), TrajectoryLine> _byEpisode = new();

    public RecordedEpisodes(IReadOnlyList<TrajectoryLine> episodes)
    {
        _inOrder = episodes;
        foreach (var e in episodes) _byEpisode[(e.Iteration, e.Attempt, e.TaskId)] = e;
    }

    public int Count => _byEpisode.Count;

    public TrajectoryLine? Find(int iteration, int attempt, string taskId) =>
        _byEpisode.GetValueOrDefault((iteration, attempt, taskId));

    /// <summary>The judgement recorded for the <paramref name="position"/>-th judged episode (0-based), if it was this
    /// task and answer — with its rationale and usage, so a replayed episode's row equals the original's.</summary>
    public Judgement? JudgementAt(int position, string taskId, string answer) =>
        position < _inOrder.Count && _inOrder[position] is var e && e.TaskId == taskId && e.Agent.Answer == answer ? e.Judgement : null;
}
