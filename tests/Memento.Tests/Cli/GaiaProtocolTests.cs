using System.Text.Json;
using System.Text.Json.Nodes;
using Memento.Cli.Running;
using Memento.Core.Config;
using Memento.Core.Judging;
using Memento.Core.Results;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>The GAIA paper protocol (configs/paper/gaia-*.yaml) offline: the validation step with the simulator
/// (3 attempts, Pass@3, bank saved, submission written), the test step with replayed answers reading that bank
/// frozen (hidden answers unscored, submission in dataset order), and `memento score` reading the submissions.
/// GAIA itself is gated: the fixtures are GAIA-format files of our own.</summary>
[Category("EndToEnd")]
public class GaiaProtocolTests
{
    private static readonly string[] ValidationIds = ["v-1", "v-2", "v-3", "v-4", "v-5", "v-6"];
    private static readonly string[] TestIds = ["t-1", "t-2", "t-3", "t-4"];

    private static string Config(string name) => Path.Combine(TestPaths.RepoRoot, "configs", "paper", name);

    private static string Row(string id, string question, int level, string answer, string file = "") =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["task_id"] = id, ["Question"] = question, ["Level"] = level, ["Final answer"] = answer, ["file_name"] = file,
            ["Annotator Metadata"] = new Dictionary<string, string> { ["Steps"] = "1. look it up", ["Number of steps"] = "1" },
        });

    private static string WriteSplit(string dir, IReadOnlyList<string> ids, Func<int, string> answer)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "fixture attachment");
        var rows = ids.Select((id, i) => Row(id, $"Fixture question {id}: what is the value of item {i} in the ledger?", i % 3 + 1, answer(i), i == 1 ? "notes.txt" : ""))
            .Prepend(Row("0-0-0-0-0", "placeholder", 1, "?"));
        var path = Path.Combine(dir, "metadata.jsonl");
        File.WriteAllLines(path, rows);
        return path;
    }

    private static List<JsonNode> Lines(string path) => File.ReadAllLines(path).Select(l => JsonNode.Parse(l)!).ToList();

    [Test]
    public void The_paper_configs_bind_to_the_protocol()
    {
        var validation = ConfigLoader.Load(Plugins.All, Config("gaia-validation.yaml")).Config;
        Assert.That((validation.Dataset.Kind, validation.Agent.Kind, validation.Judge.Kind, validation.Schedule.Attempts, validation.Memory.Frozen),
            Is.EqualTo(("gaia", "llm", "gaia", 3, false)));
        Assert.That(validation.Dataset.Path, Does.EndWith("validation/metadata.jsonl"));
        var test = ConfigLoader.Load(Plugins.All, Config("gaia-test.yaml")).Config;
        Assert.That((test.Dataset.Kind, test.Agent.Kind, test.Judge.Kind, test.Memory.Frozen), Is.EqualTo(("gaia", "llm", "gaia", true)));
        Assert.That(test.Dataset.Path, Does.EndWith("test/metadata.jsonl"));
        Assert.That(test.Memory.SeedBank, Is.EqualTo($"results/{validation.Name}/casebank.jsonl"), "step 2 reads the bank step 1 saves");
    }

    [Test]
    public async Task The_iterations_reading_reports_solved_in_any_of_the_first_k_iterations_apart_from_attempts_pass_at_k()
    {
        var config = ConfigLoader.Load(Plugins.All, Config("gaia-validation-iterations.yaml")).Config;
        Assert.That((config.Schedule.Iterations, config.Schedule.Attempts, config.Memory.SeedBank, config.Memory.Frozen), Is.EqualTo((3, 1, (string?)null, false)),
            "memory built from empty over three iterations of one attempt");
        Assert.That(File.ReadAllText(Config("gaia-validation-iterations.yaml")), Does.Contain("ITERATIONS READING"));
        Assert.That(File.ReadAllText(Config("gaia-validation.yaml")), Does.Contain("ATTEMPTS READING"));

        var dir = TestPaths.TempDir();
        var data = WriteSplit(Path.Combine(dir, "validation"), ValidationIds, i => new[] { "3", "blue, green", "42", "Elm Street", "1.5", "x" }[i]);
        var run = Path.Combine(dir, "run");
        var (exit, _, err) = await CliRunner.RunAsync("run", Config("gaia-validation-iterations.yaml"), "--out", run,
            "--set", "agent.kind=sim", "--set", $"dataset.path={data}", "--set", "cache.mode=off");
        Assert.That(exit, Is.Zero, err);
        var episodes = CsvFiles.Read<EpisodeRecord>(Path.Combine(run, "episodes.csv"));
        var byIterations = CsvFiles.Read<IterationPassCsvRow>(Path.Combine(run, RunFolder.PassByIterationsFile));
        for (var k = 1; k <= 3; k++)
        {
            var solved = episodes.Where(e => e.Iteration <= k && e.Em == 1).Select(e => e.TaskId).Distinct().Count();
            var all = byIterations.Single(r => r.KIterations == k && r.Group == "all");
            Assert.That((all.Tasks, all.Solved, all.Measure), Is.EqualTo((6, solved, IterationPassCsvRow.MeasureLabel)), $"k = {k}");
        }
        Assert.That(byIterations.Select(r => r.Group), Is.SupersetOf(new[] { "L1", "L2", "L3" }));
        var summary = CsvFiles.Read<SummaryRow>(Path.Combine(run, RunFolder.SummaryFile)).Where(r => r.Source == "all").ToList();
        Assert.That(summary.Select(r => r.SolvedSoFar), Is.EqualTo(byIterations.Where(r => r.Group == "all").Select(r => r.Solved)),
            "summary.csv's solved_so_far is the same count");
        var attempts = CsvFiles.Read<PassAtKCsvRow>(Path.Combine(run, RunFolder.PassAtKFile));
        Assert.That(attempts.Select(r => r.K).Distinct(), Is.EqualTo(new[] { 1 }), "one attempt per iteration: attempts-based pass@1 only");
        Assert.That(attempts.Select(r => r.Measure).Distinct(), Is.EqualTo(new[] { PassAtKCsvRow.AttemptsMeasure }));
    }

    [Test]
    public async Task Validation_then_frozen_test_writes_submissions_that_memento_score_reads()
    {
        var dir = TestPaths.TempDir();
        var answers = new[] { "3", "blue, green", "42", "Elm Street", "1.5", "x" };
        var validationData = WriteSplit(Path.Combine(dir, "validation"), ValidationIds, i => answers[i]);
        var validation = Path.Combine(dir, "run-validation");
        var (exit, _, err) = await CliRunner.RunAsync("run", Config("gaia-validation.yaml"), "--out", validation,
            "--set", "agent.kind=sim", "--set", $"dataset.path={validationData}", "--set", "cache.mode=off");
        Assert.That(exit, Is.Zero, err);

        var episodes = CsvFiles.Read<EpisodeRecord>(Path.Combine(validation, "episodes.csv"));
        Assert.That(episodes, Has.Count.EqualTo(6 * 3));
        Assert.That(episodes.Where(e => e.Em == 1).Select(e => e.TaskId).Distinct().Count(), Is.InRange(1, 5), "the fixture has both outcomes");
        var pass3 = CsvFiles.Read<PassAtKCsvRow>(Path.Combine(validation, "passk.csv")).Where(r => r.K == 3).ToDictionary(r => r.Group);
        Assert.That(pass3.Keys, Is.SupersetOf(new[] { "all", "L1", "L2", "L3" }));
        Assert.That(pass3["all"].SolvedAny, Is.EqualTo(episodes.Where(e => e.Em == 1).Select(e => e.TaskId).Distinct().Count()));
        Assert.That(File.ReadAllLines(Path.Combine(validation, "casebank.jsonl")), Has.Length.EqualTo(18), "the bank is saved for the test step");

        var submissionPath = Path.Combine(validation, RunFolder.SubmissionFile);
        var submission = Lines(submissionPath);
        Assert.That(submission.Select(r => (string)r["task_id"]!), Is.EqualTo(ValidationIds), "one row per task, dataset order");
        var firstAttempts = episodes.Where(e => e.Attempt == 1).ToDictionary(e => e.TaskId);
        foreach (var row in submission)
        {
            Assert.That((string)row["model_answer"]!, Is.EqualTo(firstAttempts[(string)row["task_id"]!].Answer));
            Assert.That(row.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "task_id", "model_answer", "reasoning_trace" }));
            Assert.That((string)row["reasoning_trace"]!, Is.Not.Empty);
        }

        // A resumed run replays its episodes and writes the same submission.
        var bytes = File.ReadAllBytes(submissionPath);
        var trajectories = Path.Combine(validation, RunFolder.TrajectoriesFile);
        File.WriteAllLines(trajectories, File.ReadAllLines(trajectories).Take(7));
        File.Delete(submissionPath);
        File.Delete(Path.Combine(validation, RunFolder.SummaryFile));
        (exit, _, err) = await CliRunner.RunAsync("run", Config("gaia-validation.yaml"), "--resume", validation,
            "--set", "agent.kind=sim", "--set", $"dataset.path={validationData}", "--set", "cache.mode=off");
        Assert.That(exit, Is.Zero, err);
        Assert.That(File.ReadAllBytes(submissionPath), Is.EqualTo(bytes));

        // memento score reads the submission joined with its metadata: the same verdicts as the run's first attempts.
        var scored = Path.Combine(dir, "validation.scored.jsonl");
        var (scoreExit, stdout, scoreErr) = await CliRunner.RunAsync("score", "--predictions", submissionPath, "--scorer", "gaia", "--dataset", validationData, "--out", scored);
        Assert.That(scoreExit, Is.Zero, scoreErr);
        var verdicts = Lines(scored).ToDictionary(r => (string)r["id"]!, r => (bool)r["gaia_correct"]!);
        Assert.That(verdicts, Is.EqualTo(firstAttempts.ToDictionary(p => p.Key, p => p.Value.Em == 1)));
        Assert.That(stdout, Does.Contain($"({verdicts.Count(v => v.Value)}/6)"));

        // Test step: hidden answers, the validation bank read frozen, answers replayed (no LLM).
        var testData = WriteSplit(Path.Combine(dir, "test"), TestIds, _ => "?");
        var replay = Path.Combine(dir, "answers.jsonl");
        File.WriteAllLines(replay, TestIds.Select((id, i) => JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["question"] = $"Fixture question {id}: what is the value of item {i} in the ledger?", ["pred_answer"] = $"answer {i}", ["plan"] = $"plan for {id}",
        })));
        var test = Path.Combine(dir, "run-test");
        (exit, var testOut, err) = await CliRunner.RunAsync("run", Config("gaia-test.yaml"), "--out", test,
            "--set", "agent.kind=replay", "--set", $"agent.replay_path={replay}", "--set", $"dataset.path={testData}",
            "--set", $"memory.seed_bank={Path.Combine(validation, "casebank.jsonl")}", "--set", "cache.mode=off");
        Assert.That(exit, Is.Zero, err);
        var testEpisodes = CsvFiles.Read<EpisodeRecord>(Path.Combine(test, "episodes.csv"));
        Assert.That(testEpisodes.Select(e => e.JudgeError).Distinct(), Is.EqualTo(new[] { GaiaJudge.HiddenAnswerError }));
        Assert.That(testEpisodes.All(e => e.Retrieved.Length > 0), Is.True, "reads come from the validation bank");
        Assert.That(CsvFiles.Read<SummaryRow>(Path.Combine(test, "summary.csv")), Is.Empty, "nothing scored");
        Assert.That(CsvFiles.Read<PassAtKCsvRow>(Path.Combine(test, "passk.csv")), Is.Empty);
        Assert.That(testOut, Does.Contain("No scored episodes"));
        Assert.That(File.ReadAllLines(Path.Combine(test, "casebank.jsonl")), Has.Length.EqualTo(18), "frozen: no case written");
        var testSubmission = Lines(Path.Combine(test, RunFolder.SubmissionFile));
        Assert.That(testSubmission.Select(r => ((string)r["task_id"]!, (string)r["model_answer"]!, (string)r["reasoning_trace"]!)),
            Is.EqualTo(TestIds.Select((id, i) => (id, $"answer {i}", $"Plan:\nplan for {id}\n\nFinal answer: answer {i}"))));

        (scoreExit, stdout, scoreErr) = await CliRunner.RunAsync("score", "--predictions", Path.Combine(test, RunFolder.SubmissionFile), "--scorer", "gaia", "--dataset", testData);
        Assert.That(scoreExit, Is.Zero, scoreErr);
        Assert.That(stdout, Does.Contain("no scored rows").And.Contain("unscored: 4 rows"));
    }
}
