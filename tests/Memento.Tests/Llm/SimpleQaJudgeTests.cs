using System.Text.RegularExpressions;
using Memento.Core.Judging;
using Memento.Core.Results;
using Memento.Core.Scoring;
using Memento.Core.Tasks;
using Memento.Llm;
using Memento.Llm.Loopback;
using Memento.Tests.Cli;
using NUnit.Framework;
using Memento.Core.Plugins;

namespace Memento.Tests.Llm;

/// <summary>The SimpleQA grader (<c>judge.kind: simpleqa</c>): OpenAI's grader prompt through the judge's chat pipeline,
/// grades into episodes.csv and SimpleQA's metrics (with counts) into summary.csv.</summary>
public partial class SimpleQaJudgeTests
{
    private static readonly QaTask Task = new("t1", "Who wrote Hamlet?", ["William Shakespeare"], "simpleqa");

    private static SimpleQaJudge Judge(LoopbackOpenAiServer server, LlmRuntime runtime, int maxRetries = 2) =>
        new(new DeepResearcherJudge(), ChatPipeline.Build(new LlmEndpoint(server.BaseUrl, "grader", "MEMENTO_TEST_KEY", TimeSpan.FromSeconds(30)), runtime), maxRetries);

    /// <summary>Grades the new example at the end of the prompt (the template's own examples come first): A when the
    /// prediction holds the gold, C for "don't know", "unsure" (no letter at all) for question 5, else B.</summary>
    private static LoopbackReply Grader(LoopbackRequest r)
    {
        var prompt = r.LastContent;
        var gold = GoldTarget().Matches(prompt)[^1].Groups[1].Value;
        var predicted = PredictedAnswer().Matches(prompt)[^1].Groups[1].Value;
        if (prompt.Contains("Question: Question number 5?")) return LoopbackReply.Text("unsure");
        return LoopbackReply.Text(predicted.Contains(gold, StringComparison.OrdinalIgnoreCase) ? "A"
            : predicted.Contains("don't know") ? "C" : "B");
    }

    [Test]
    public async Task The_rubric_is_sent_and_every_answer_is_graded_exact_matches_included()
    {
        using var server = new LoopbackOpenAiServer(Grader);
        using var runtime = LlmWorld.Runtime();
        var exact = await Judge(server, runtime).JudgeAsync(Task, "William Shakespeare", CancellationToken.None);
        Assert.That(exact with { Usage = null }, Is.EqualTo(new Judgement(true, 1.0, true, null, SimpleQaGrade.Correct)));
        Assert.That(exact.Usage?.PromptTokens, Is.GreaterThan(0), "the grader's call is metered");
        var prompt = server.Received.Single().LastContent;
        Assert.That(prompt, Does.Contain("NOT_ATTEMPTED: the essential information of the gold target is missing"));
        Assert.That(prompt, Does.Contain("Question: Who wrote Hamlet?\nGold target: William Shakespeare\nPredicted answer: William Shakespeare\n"));
        Assert.That(prompt, Does.EndWith("A: CORRECT\nB: INCORRECT\nC: NOT_ATTEMPTED"));

        var abstained = await Judge(server, runtime).JudgeAsync(Task, "I don't know", CancellationToken.None);
        Assert.That((abstained.Grade, abstained.PartialMatch, abstained.ExactMatch), Is.EqualTo(((SimpleQaGrade?)SimpleQaGrade.NotAttempted, (bool?)false, false)));
        var wrong = await Judge(server, runtime).JudgeAsync(Task, "Christopher Marlowe", CancellationToken.None);
        Assert.That(wrong.Grade, Is.EqualTo(SimpleQaGrade.Incorrect));
        Assert.That((RewardRule.Reward("pm", exact), RewardRule.Reward("pm", abstained), RewardRule.Reward("pm", wrong)), Is.EqualTo((1, 0, 0)));
    }

    [Test]
    public async Task A_reply_with_no_grade_is_retried_then_recorded_as_a_judge_error()
    {
        var calls = 0;
        using var server = new LoopbackOpenAiServer(r => LoopbackReply.Text(
            r.LastContent.Contains("Predicted answer: Marlowe") && Interlocked.Increment(ref calls) == 3 ? "The prediction names another writer.\nB" : "the grade is B"));
        using var runtime = LlmWorld.Runtime();
        var recovered = await Judge(server, runtime, maxRetries: 2).JudgeAsync(Task, "Marlowe", CancellationToken.None);
        Assert.That((recovered.Grade, recovered.JudgeError, server.Requests), Is.EqualTo(((SimpleQaGrade?)SimpleQaGrade.Incorrect, (string?)null, 3)));

        var failed = await Judge(server, runtime, maxRetries: 1).JudgeAsync(Task, "Bacon", CancellationToken.None);
        Assert.That(failed.Grade, Is.Null);
        Assert.That(failed.PartialMatch, Is.Null);
        Assert.That(failed.JudgeError, Is.EqualTo("unparseable judge reply after 2 tries: the grade is B"), "a letter outside the grade's place is no grade; the reply is kept");
        Assert.That(failed.ErrorKind, Is.EqualTo("judge"));
        Assert.That(RewardRule.Reward("pm", failed), Is.Null);
    }

    [Test]
    [Category("EndToEnd")]
    public async Task A_simpleqa_run_writes_grades_to_episodes_and_simpleqa_metrics_with_counts_to_summary()
    {
        var dir = TestPaths.TempDir();
        var data = Path.Combine(dir, "simple_qa.csv");
        File.WriteAllLines(data, new[] { "metadata,problem,answer" }.Concat(Enumerable.Range(0, 6).Select(i =>
            $"\"{{'topic': '{(i % 2 == 0 ? "Art" : "Science")}', 'answer_type': 'Other'}}\",Question number {i}?,answer {i}")));
        using var server = new LoopbackOpenAiServer(r => r.Model == "grader" ? Grader(r) : Agent(r), faultRate: 0.1, faultSeed: 5);
        var config = Path.Combine(dir, "simpleqa.yaml");
        File.WriteAllText(config, $$"""
            name: simpleqa-e2e
            dataset: {kind: simpleqa, path: {{data}}}
            agent: {kind: llm, base_url: "{{server.BaseUrl}}", planner_model: planner, executor_model: executor, api_key_env: null, retry_delay_s: 0.005}
            memory: {policy: similarity, k: 2}
            schedule: {iterations: 2, parallelism: 2}
            judge: {kind: simpleqa, model: grader, max_retries: 2}
            cache: {path: {{Path.Combine(dir, "cache.sqlite")}}}
            """);
        var run = Path.Combine(dir, "run");
        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", run);
        Assert.That(exit, Is.Zero, err);
        Assert.That(File.ReadAllText(Path.Combine(run, "config.yaml")), Does.Contain("reward: pm"), "the grade is the reward by default");

        var episodes = CsvFiles.Read<EpisodeRecord>(Path.Combine(run, "episodes.csv"));
        Assert.That(episodes, Has.Count.EqualTo(12));
        foreach (var e in episodes)
        {
            var i = int.Parse(e.TaskId["simpleqa_".Length..]);
            var expected = i == 5 ? "" : (i % 3) switch { 0 => "correct", 1 => "not_attempted", _ => "incorrect" };
            Assert.That(e.Grade, Is.EqualTo(expected), e.TaskId);
            Assert.That(e.JudgeError, i == 5 ? Does.StartWith("unparseable judge reply after 3 tries") : Is.Empty);
            Assert.That(e.Reward, i == 5 ? Is.Null : Is.EqualTo(expected == "correct" ? 1 : 0), "an unscored episode has no reward");
        }
        // Every answer graded once (the cache serves iteration 2), plus three tries for the ungradable one.
        Assert.That(server.Received.Count(r => r.Model == "grader"), Is.EqualTo(5 + 3));

        var all = CsvFiles.Read<SummaryRow>(Path.Combine(run, "summary.csv")).Where(r => r.Source == SummaryRow.AllSources).ToList();
        Assert.That(all, Has.Count.EqualTo(2));
        foreach (var row in all)
        {
            // 5 graded (q5 is unscored): correct q0 q3, not attempted q1 q4, incorrect q2.
            Assert.That((row.N, row.SimpleQaCorrect, row.SimpleQaIncorrect, row.SimpleQaNotAttempted), Is.EqualTo((5, (int?)2, (int?)1, (int?)2)));
            var m = SimpleQaMetrics.From([SimpleQaGrade.Correct, SimpleQaGrade.Correct, SimpleQaGrade.Incorrect, SimpleQaGrade.NotAttempted, SimpleQaGrade.NotAttempted]);
            Assert.That(row.SimpleQaAccuracyPct, Is.EqualTo(40.0));
            Assert.That(row.SimpleQaAccuracyGivenAttemptedPct, Is.EqualTo(Math.Round(100 * m.AccuracyGivenAttempted, 4)).And.EqualTo(66.6667));
            Assert.That(row.SimpleQaF1Pct, Is.EqualTo(50.0).Within(1e-9), "2 · 0.4 · (2/3) / (0.4 + 2/3)");
        }
        var art = CsvFiles.Read<SummaryRow>(Path.Combine(run, "summary.csv")).First(r => r.Source == "Art");
        Assert.That((art.N, art.SimpleQaCorrect, art.SimpleQaIncorrect, art.SimpleQaNotAttempted), Is.EqualTo((3, (int?)1, (int?)1, (int?)1)), "Art: q0, q2, q4");
        Assert.That(File.ReadAllText(Path.Combine(run, "trajectories.jsonl")), Does.Contain("\"grade\":\"not_attempted\""));
        var table = File.ReadAllText(Path.Combine(run, "table.md"));
        Assert.That(table, Does.Contain("SimpleQA correct / incorrect / not attempted"));
        Assert.That(table, Does.Contain("| 2 / 1 / 2 | 66.7 | 50.0 |"), "iteration rows carry the grade counts, accuracy given attempted and F1");

        // Resumed after 7 episodes (iteration 1 and one of iteration 2) with the cache gone: the 7 logged judgements are
        // replayed, and the 5 unrecorded episodes are answered and graded again, as an uninterrupted run would (the
        // ungradable one with its three tries).
        // The cache is gone, so the rerun requests what the first run had from it: all but the hit counts match.
        List<SummaryRow> Summary() => CsvFiles.Read<SummaryRow>(Path.Combine(run, "summary.csv")).Select(r => r with { CacheHits = 0, JudgeCacheHits = 0 }).ToList();
        var summary = Summary();
        File.WriteAllLines(Path.Combine(run, "trajectories.jsonl"), File.ReadAllLines(Path.Combine(run, "trajectories.jsonl")).Take(7));
        File.Delete(Path.Combine(run, "summary.csv"));
        File.Delete(Path.Combine(dir, "cache.sqlite"));
        var before = server.Received.Count;
        (exit, _, err) = await CliRunner.RunAsync("run", config, "--resume", run);
        Assert.That(exit, Is.Zero, err);
        Assert.That(Summary(), Is.EqualTo(summary));
        Assert.That(CsvFiles.Read<EpisodeRecord>(Path.Combine(run, "episodes.csv")).Select(e => e.Grade), Is.EqualTo(episodes.Select(e => e.Grade)));
        Assert.That(server.Received.Skip(before).Count(r => r.Model == "planner"), Is.EqualTo(5));
        var regraded = episodes.Skip(7).Sum(e => e.JudgeError.Length > 0 ? 3 : 1);
        Assert.That(server.Received.Skip(before).Count(r => r.Model == "grader"), Is.EqualTo(regraded));
    }

    [Test]
    public void Summaries_of_runs_without_the_grader_leave_the_simpleqa_columns_empty()
    {
        var dir = TestPaths.TempDir();
        var path = Path.Combine(dir, "summary.csv");
        CsvFiles.Write(path, SummaryRow.From([new EpisodeRecord { Iteration = 1, TaskId = "a", Source = "nq", Reward = 1, Em = 1, F1 = 1 }]));
        var lines = File.ReadAllLines(path);
        Assert.That(lines[0], Does.Contain(",simpleqa_correct,simpleqa_incorrect,simpleqa_not_attempted,simpleqa_accuracy_pct,simpleqa_accuracy_given_attempted_pct,simpleqa_f1_pct,"));
        var header = lines[0].Split(',');
        var cells = lines[1].Split(',');
        foreach (var column in header.Where(h => h.StartsWith("simpleqa_")))
            Assert.That(cells[Array.IndexOf(header, column)], Is.Empty, column);
        Assert.That(CsvFiles.Read<SummaryRow>(path)[0].SimpleQaCorrect, Is.Null);
    }

    /// <summary>The planner answers at once: q0/q3 exactly, q1/q4 "I don't know", q2/q5 wrongly.</summary>
    private static LoopbackReply Agent(LoopbackRequest r)
    {
        var i = int.Parse(Number().Match(r.Messages[1]!["content"]!.ToString()).Groups[1].Value);
        return LoopbackReply.Text("FINAL ANSWER: " + (i % 3) switch { 0 => $"answer {i}", 1 => "I don't know", _ => "Paris" });
    }

    [GeneratedRegex(@"Question number (\d+)")]
    private static partial Regex Number();

    [GeneratedRegex(@"Gold target: (.*)")]
    private static partial Regex GoldTarget();

    [GeneratedRegex(@"Predicted answer: (.*)")]
    private static partial Regex PredictedAnswer();
}
