using Memento.Core.Judging;
using Memento.Core.Results;
using Memento.Core.Scoring;

namespace Memento.Core.Agents.Replay;

/// <summary>Recorded agent outputs and judgements, looked up by episode identity (iteration, attempt, task id).</summary>
public sealed class RecordedEpisodes
{
    private readonly Dictionary<(int Iteration, int Attempt, string TaskId), RecordedEpisode> _byEpisode = new();
    private readonly Dictionary<(string TaskId, string Answer), RecordedEpisode> _byAnswer = new();

    public RecordedEpisodes(IEnumerable<RecordedEpisode> episodes)
    {
        foreach (var e in episodes)
        {
            _byEpisode[(e.Iteration, e.Attempt, e.TaskId)] = e;
            _byAnswer[(e.TaskId, e.Answer)] = e;
        }
    }

    public int Count => _byEpisode.Count;

    public RecordedEpisode? Find(int iteration, int attempt, string taskId) =>
        _byEpisode.GetValueOrDefault((iteration, attempt, taskId));

    /// <summary>The judgement recorded for this task and answer, if any (a judge is a function of both).</summary>
    public Judgement? FindJudgement(string taskId, string answer) =>
        _byAnswer.GetValueOrDefault((taskId, answer)) is { } e
            ? new Judgement(e.Em == 1, e.F1, e.Pm switch { "1" => true, "0" => false, _ => null }, e.JudgeError, SimpleQaMetrics.FromName(e.Grade))
            : null;
}
