using Memento.Core.Judging;
using Memento.Core.Results;
using Memento.Core.Scoring;

namespace Memento.Core.Agents.Replay;

/// <summary>Recorded agent outputs and judgements: outputs looked up by episode identity (iteration, attempt, task id),
/// judgements by position, since the loop judges episodes one at a time in episode order.</summary>
public sealed class RecordedEpisodes
{
    private readonly IReadOnlyList<RecordedEpisode> _inOrder;
    private readonly Dictionary<(int Iteration, int Attempt, string TaskId), RecordedEpisode> _byEpisode = new();

    public RecordedEpisodes(IReadOnlyList<RecordedEpisode> episodes)
    {
        _inOrder = episodes;
        foreach (var e in episodes) _byEpisode[(e.Iteration, e.Attempt, e.TaskId)] = e;
    }

    public int Count => _byEpisode.Count;

    public RecordedEpisode? Find(int iteration, int attempt, string taskId) =>
        _byEpisode.GetValueOrDefault((iteration, attempt, taskId));

    /// <summary>The judgement recorded for the <paramref name="position"/>-th judged episode (0-based), if it was this
    /// task and answer — with its rationale and usage, so a replayed episode's row equals the original's.</summary>
    public Judgement? JudgementAt(int position, string taskId, string answer) =>
        position < _inOrder.Count && _inOrder[position] is var e && e.TaskId == taskId && e.Answer == answer
            ? new Judgement(e.Em == 1, e.F1, e.Pm switch { "1" => true, "0" => false, _ => null }, e.JudgeError, SimpleQaMetrics.FromName(e.Grade),
                e.JudgeRationale, e.JudgeUsage)
            : null;
}
