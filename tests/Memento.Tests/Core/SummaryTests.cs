using Memento.Core.Results;
using NUnit.Framework;

namespace Memento.Tests.Core;

public class SummaryTests
{
    private static EpisodeRecord E(int iteration, int attempt, string task, string source, int reward) =>
        new() { Iteration = iteration, Attempt = attempt, TaskId = task, Source = source, Reward = reward, Em = reward, F1 = reward };

    [Test]
    public void Summary_counts_and_solved_in_any_iteration_so_far()
    {
        var episodes = new[]
        {
            E(1, 1, "a", "nq", 1), E(1, 1, "b", "nq", 0), E(1, 1, "c", "tq", 0),
            E(2, 1, "a", "nq", 0), E(2, 1, "b", "nq", 1), E(2, 1, "c", "tq", 0),
        };
        var rows = SummaryRow.From(episodes);
        var all2 = rows.Single(r => r.Iteration == 2 && r.Source == SummaryRow.AllSources);
        Assert.That((all2.N, all2.Correct, all2.Tasks, all2.SolvedSoFar), Is.EqualTo((3, 1, 3, 2)));
        Assert.That(all2.AccuracyPct, Is.EqualTo(33.3333));
        Assert.That(all2.SolvedSoFarPct, Is.EqualTo(66.6667));
        var nq2 = rows.Single(r => r.Iteration == 2 && r.Source == "nq");
        Assert.That((nq2.Correct, nq2.SolvedSoFar, nq2.SolvedSoFarPct), Is.EqualTo((1, 2, 100.0)));
    }

    [Test]
    public void Pass_at_k_rows_for_every_k_up_to_the_attempts_with_counts()
    {
        // task a: 1 of 3 correct; task b: 0 of 3 → pass@1 = (1/3 + 0) / 2, pass@3 = (1 + 0) / 2
        var episodes = new[] { 1, 0, 0 }.Select((r, i) => E(1, i + 1, "a", "nq", r))
            .Concat(new[] { 0, 0, 0 }.Select((r, i) => E(1, i + 1, "b", "nq", r)));
        var rows = PassAtKCsvRow.From(episodes).Where(r => r.Group == "all").ToList();
        Assert.That(rows.Select(r => r.K), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(rows[0].PassAtKPct, Is.EqualTo(16.6667));
        Assert.That(rows[2].PassAtKPct, Is.EqualTo(50.0));
        Assert.That(rows[2].SolvedAny, Is.EqualTo(1));
        Assert.That(rows[2].Tasks, Is.EqualTo(2));
    }
}
