using Memento.Core.Agents;
using Memento.Core.Judging;
using Memento.Core.Loop;
using Memento.Core.Memory;
using Memento.Core.Tasks;

namespace Memento.Tests.Core;

/// <summary>Answers correctly exactly when at least one retrieved case has reward 1 (or on tasks whose id ends in 0).</summary>
internal sealed class HelpedByPositiveCasesAgent : IAgent
{
    public Task<AgentResult> ActAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        var solved = request.Cases.Any(c => c.Reward == 1) || request.Task.Id.EndsWith('0');
        return Task.FromResult(new AgentResult(solved ? request.Task.GoldAnswers[0] : "wrong", $"plan for {request.Task.Id}"));
    }
}

/// <summary>Reads the newest K cases and records every update it is given.</summary>
internal sealed class NewestCasesPolicy : IReadPolicy
{
    public List<EpisodeFeedback> Updates { get; } = new();

    public IReadOnlyList<Case> Read(ReadRequest request) =>
        request.Bank.Cases.Reverse().Take(request.K).ToArray();

    public void Update(EpisodeFeedback feedback) => Updates.Add(feedback);
}

internal static class FakeTasks
{
    public static IReadOnlyList<QaTask> Make(int n) =>
        Enumerable.Range(0, n).Select(i => new QaTask($"t{i}", $"Question number {i}?", [$"answer {i}"], i % 2 == 0 ? "even" : "odd")).ToArray();
}

internal static class FakeEpisodes
{
    /// <summary>A finished episode of task <paramref name="taskId"/> with the given answer, judgement and reward.</summary>
    public static Episode Make(int number, string taskId, AgentResult result, Judgement judgement, int? reward, int iteration = 1) =>
        new(number, iteration, 1, new QaTask(taskId, "Question " + taskId + "?", ["gold"], "nq"), new EpisodeRead("none", 0, 0, []),
            result, judgement, reward, new EpisodeTimings(0, 0));
}
