using System.Text.RegularExpressions;
using Memento.Core.Results;
using Memento.Llm.Loopback;
using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Llm;

/// <summary>`memento run` against the loopback server when things go wrong: a key variable that is not set, a server
/// that cannot be reached (the embeddings endpoint's too), one question whose requests always fail, a refused key — and
/// `--retry-errors`.</summary>
[Category("EndToEnd")]
public partial class LlmFailureTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = TestPaths.TempDir();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    /// <summary>Task i is answered "answer i" through one plan step; the judge rules by containment (LlmWorld).</summary>
    private static LoopbackReply Script(LoopbackRequest r) => LlmWorld.Reply(r);

    private string WriteConfig(string baseUrl, string keyEnv = "null", int tasks = 6, string schedule = "iterations: 2")
    {
        var tasksPath = Path.Combine(_dir, "tasks.jsonl");
        File.WriteAllLines(tasksPath, Enumerable.Range(0, tasks).Select(i => $$"""{"id":"q{{i}}","question":"Question number {{i}}?","answer":"answer {{i}}"}"""));
        var config = Path.Combine(_dir, "llm.yaml");
        File.WriteAllText(config, $"""
            name: failures
            dataset: {"{"}kind: jsonl, path: {tasksPath}{"}"}
            agent: {"{"}kind: llm, base_url: "{baseUrl}", planner_model: planner, executor_model: executor, api_key_env: {keyEnv}, retry_delay_s: 0.005, max_retries: 2{"}"}
            memory: {"{"}policy: similarity, k: 2{"}"}
            schedule: {"{"}{schedule}{"}"}
            judge: {"{"}kind: llm, reward: pm, model: judge, retry_delay_s: 0.005{"}"}
            cache: {"{"}path: {Path.Combine(_dir, "cache.sqlite")}{"}"}
            """);
        return config;
    }

    [Test]
    public async Task An_unset_key_variable_is_one_line_before_any_request_and_before_any_file()
    {
        using var server = new LoopbackOpenAiServer(Script);
        var run = Path.Combine(_dir, "run");
        var (exit, _, err) = await CliRunner.RunAsync("run", WriteConfig(server.BaseUrl, keyEnv: "MEMENTO_UNSET_KEY_14"), "--out", run);

        Assert.That(exit, Is.EqualTo(2), err);
        var errors = CliRunner.Messages(err).Where(l => l.StartsWith("error:")).ToList();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.Contain("MEMENTO_UNSET_KEY_14").And.Contain("planner endpoint " + server.BaseUrl));
        Assert.That(err, Does.Contain("endpoint judge: judge at " + server.BaseUrl + ", key from MEMENTO_UNSET_KEY_14"), "the judge inherits the agent's key variable");
        Assert.That((server.Requests, server.ModelListings), Is.EqualTo((0, 0)), "no request was sent");
        Assert.That(Directory.Exists(run), Is.False, "no results folder");
        Assert.That(File.Exists(Path.Combine(_dir, "cache.sqlite")), Is.False, "no cache file");
    }

    [Test]
    public async Task An_unreachable_server_is_one_line_naming_the_url_and_what_came_back()
    {
        var port = LoopbackOpenAiServer.FreePort();
        var url = $"http://127.0.0.1:{port}/v1";
        var run = Path.Combine(_dir, "run");
        var (exit, _, err) = await CliRunner.RunAsync("run", WriteConfig(url), "--out", run);

        Assert.That(exit, Is.EqualTo(2), err);
        Assert.That(CliRunner.Messages(err).Last(), Does.StartWith("error: pre-flight check failed: GET " + url + "/models").And.Contain("connection refused"));
        Assert.That(Directory.Exists(run), Is.False);
    }

    /// <summary>A simulated run whose memory reads through the <c>openai</c> encoder at <paramref name="baseUrl"/>.</summary>
    private string WriteEmbeddingsConfig(string baseUrl, string keyEnv)
    {
        var config = Path.Combine(_dir, "embed.yaml");
        File.WriteAllText(config, $$"""
            name: embeddings
            dataset: {kind: synthetic, synthetic_tasks: 10}
            memory:
              policy: similarity
              encoder:
                kind: openai
                openai: {base_url: "{{baseUrl}}", api_key_env: {{keyEnv}}, model: embed-test}
            """);
        return config;
    }

    [Test]
    public async Task The_embeddings_endpoint_is_checked_too_an_unset_key_is_one_line_before_any_request_and_any_file()
    {
        using var server = new LoopbackOpenAiServer(Script) { Embed = _ => [1f, 0f] };
        var run = Path.Combine(_dir, "run");
        var (exit, _, err) = await CliRunner.RunAsync("run", WriteEmbeddingsConfig(server.BaseUrl, "MEMENTO_UNSET_EMBED_KEY_14"), "--out", run);

        Assert.That(exit, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain($"endpoint embeddings: embed-test at {server.BaseUrl}, key from MEMENTO_UNSET_EMBED_KEY_14"));
        var errors = CliRunner.Messages(err).Where(l => l.StartsWith("error:")).ToList();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.Contain("the embeddings endpoint " + server.BaseUrl).And.Contain("MEMENTO_UNSET_EMBED_KEY_14"));
        Assert.That((server.EmbeddingRequests.Count, server.Requests, server.ModelListings), Is.EqualTo((0, 0, 0)), "no request was sent");
        Assert.That(Directory.Exists(run), Is.False, "no results folder");
    }

    [Test]
    public async Task Read_files_vision_model_is_checked_too_with_the_agents_server_filling_its_url()
    {
        using var server = new LoopbackOpenAiServer(Script);
        var config = WriteConfig(server.BaseUrl);
        File.AppendAllText(config, "\ntools: {builtin: [read_file], read_file: {vision: {model: see, api_key_env: MEMENTO_UNSET_VISION_KEY_15}}}\n");
        var run = Path.Combine(_dir, "run");
        var (exit, _, err) = await CliRunner.RunAsync("run", config, "--out", run);

        Assert.That(exit, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain($"endpoint read_file vision: see at {server.BaseUrl}, key from MEMENTO_UNSET_VISION_KEY_15"));
        var errors = CliRunner.Messages(err).Where(l => l.StartsWith("error:")).ToList();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.Contain("MEMENTO_UNSET_VISION_KEY_15"));
        Assert.That((server.Requests, server.ModelListings), Is.EqualTo((0, 0)), "no request was sent");
        Assert.That(Directory.Exists(run), Is.False, "no results folder");
    }

    [Test]
    public async Task An_unreachable_embeddings_endpoint_is_one_line_naming_its_url()
    {
        var url = $"http://127.0.0.1:{LoopbackOpenAiServer.FreePort()}/v1";
        var run = Path.Combine(_dir, "run");
        var (exit, _, err) = await CliRunner.RunAsync("run", WriteEmbeddingsConfig(url, "null"), "--out", run);

        Assert.That(exit, Is.EqualTo(2), err);
        Assert.That(CliRunner.Messages(err).Last(), Does.StartWith("error: pre-flight check failed: GET " + url + "/models").And.Contain("connection refused"));
        Assert.That(Directory.Exists(run), Is.False);
    }

    [Test]
    public async Task A_server_without_a_models_route_is_checked_with_one_tiny_chat_request_and_the_check_can_be_skipped()
    {
        using var server = new LoopbackOpenAiServer(r => r.LastContent == "ping" ? LoopbackReply.Error(503, "overloaded") : Script(r)) { ServesModels = false };
        var (exit, _, err) = await CliRunner.RunAsync("run", WriteConfig(server.BaseUrl), "--out", Path.Combine(_dir, "checked"));
        Assert.That(exit, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain($"POST {server.BaseUrl}/chat/completions").And.Contain("HTTP 503"));

        (exit, _, err) = await CliRunner.RunAsync("run", WriteConfig(server.BaseUrl), "--out", Path.Combine(_dir, "skipped"), "--skip-preflight");
        Assert.That(exit, Is.Zero, err);
    }

    [Test]
    public async Task A_question_whose_requests_always_fail_costs_its_episodes_not_the_run_and_retry_errors_reruns_exactly_them()
    {
        var broken = true;
        using var server = new LoopbackOpenAiServer(r => broken && r.Has("Question number 2?") ? LoopbackReply.Error(400, "prompt rejected") : Script(r));
        var run = Path.Combine(_dir, "run");
        var config = WriteConfig(server.BaseUrl);
        var (exit, stdout, err) = await CliRunner.RunAsync("run", config, "--out", run);

        Assert.That(exit, Is.Zero, err);
        var episodes = CsvFiles.Read<EpisodeRecord>(Path.Combine(run, "episodes.csv"));
        Assert.That(episodes, Has.Count.EqualTo(12));
        var failed = episodes.Where(e => e.ErrorKind != "").ToList();
        Assert.That(failed.Select(e => (e.TaskId, e.ErrorKind)), Is.EqualTo(new[] { ("q2", "bad_request"), ("q2", "bad_request") }));
        Assert.That(failed[0].JudgeError, Does.Contain("HTTP 400").And.Contain("prompt rejected").And.Contain("planner"));
        Assert.That(episodes.Where(e => e.TaskId != "q2"), Has.All.Matches<EpisodeRecord>(e => e.IsScored && e.Reward == 1));
        Assert.That(File.ReadAllLines(Path.Combine(run, "casebank.jsonl")), Has.Length.EqualTo(10), "no case from a failed episode");
        var summary = CsvFiles.Read<SummaryRow>(Path.Combine(run, "summary.csv")).Where(r => r.Source == SummaryRow.AllSources).ToList();
        Assert.That(summary.Select(r => (r.N, r.Correct, r.Errors, r.ErrorsByKind)), Is.EqualTo(new[] { (5, 5, 1, "bad_request=1"), (5, 5, 1, "bad_request=1") }));
        Assert.That(stdout, Does.Contain($"errors: 2 of 12 episodes failed and are unscored (bad_request=2); run them again with --resume {run} --retry-errors"));

        broken = false;
        var before = server.Received.Count;
        (exit, stdout, err) = await CliRunner.RunAsync("run", config, "--resume", run, "--retry-errors");
        Assert.That(exit, Is.Zero, err);
        var asked = server.Received.Skip(before).ToList();
        Assert.That(asked, Is.Not.Empty);
        Assert.That(asked.Where(r => r.Model != "judge"), Has.All.Matches<LoopbackRequest>(r => Question2().IsMatch(r.AllContent)), "only the failed episodes ran again");
        episodes = CsvFiles.Read<EpisodeRecord>(Path.Combine(run, "episodes.csv"));
        Assert.That(episodes, Has.Count.EqualTo(12));
        Assert.That(episodes, Has.All.Matches<EpisodeRecord>(e => e.IsScored && e.ErrorKind == ""));
        Assert.That(File.ReadAllLines(Path.Combine(run, "trajectories.jsonl")), Has.Length.EqualTo(12));
        Assert.That(stdout, Does.Not.Contain("errors:"));
    }

    [Test]
    public async Task Retries_show_as_lines_as_they_happen_and_their_totals_at_the_end_when_output_is_redirected()
    {
        using var server = new LoopbackOpenAiServer(Script, faultRate: 0.25, faultSeed: 5);
        var (exit, _, err) = await CliRunner.RunAsync("run", WriteConfig(server.BaseUrl, schedule: "iterations: 2, max_error_rate: 1"), "--out", Path.Combine(_dir, "run"));

        Assert.That(exit, Is.Zero, err);
        Assert.That(server.Faulted, Is.GreaterThan(0));
        var retries = Regex.Matches(err, @"\[failures\] retry [12]/2 after HTTP (429|500) \(waiting [0-9.]+ s\) · (planner|executor|judge)\n");
        Assert.That(retries, Is.Not.Empty, err);
        Assert.That(err, Does.Match(@"\[failures\] requests: \d+ sent · retries: \d+ after HTTP (429|500)"));
    }

    [Test]
    public async Task A_reply_cut_short_is_retried_and_named_and_the_run_scores_every_episode()
    {
        var seen = new HashSet<string>();
        using var server = new LoopbackOpenAiServer(r =>
        {
            lock (seen) if (seen.Add(r.Body.ToJsonString())) return LoopbackReply.Raw("""{"id": "x", "choices": [ {"mess""");
            return Script(r);
        });
        var run = Path.Combine(_dir, "run");
        var (exit, stdout, err) = await CliRunner.RunAsync("run", WriteConfig(server.BaseUrl), "--out", run);

        Assert.That(exit, Is.Zero, err);
        Assert.That(CsvFiles.Read<EpisodeRecord>(Path.Combine(run, "episodes.csv")), Has.All.Matches<EpisodeRecord>(e => e.IsScored && e.Reward == 1));
        Assert.That(err, Does.Match(@"\[failures\] retry 1/2 after malformed response \(waiting [0-9.]+ s\) · (planner|executor|judge)\n"));
        Assert.That(err, Does.Match(@"retries: \d+ after malformed response"));
        Assert.That(stdout + err, Does.Not.Contain("JsonReaderException"));
    }

    [Test]
    public async Task A_question_whose_replies_are_always_cut_short_is_unscored_as_a_server_error()
    {
        using var server = new LoopbackOpenAiServer(r => r.Has("Question number 2?") ? LoopbackReply.Raw("""{"id": "x", "choi""") : Script(r));
        var run = Path.Combine(_dir, "run");
        var (exit, _, err) = await CliRunner.RunAsync("run", WriteConfig(server.BaseUrl), "--out", run);

        Assert.That(exit, Is.Zero, err);
        var failed = CsvFiles.Read<EpisodeRecord>(Path.Combine(run, "episodes.csv")).Where(e => e.ErrorKind != "").ToList();
        Assert.That(failed.Select(e => (e.TaskId, e.ErrorKind, e.IsScored)), Is.EqualTo(new[] { ("q2", "server", false), ("q2", "server", false) }));
        Assert.That(failed[0].JudgeError, Does.StartWith("planner at ").And.Contain(": malformed response (not the JSON of a reply): "));
    }

    [Test]
    public async Task A_refused_key_stops_the_run_at_the_first_failed_request()
    {
        using var server = new LoopbackOpenAiServer(_ => LoopbackReply.Error(401, "invalid api key"));
        var run = Path.Combine(_dir, "run");
        var (exit, _, err) = await CliRunner.RunAsync("run", WriteConfig(server.BaseUrl), "--out", run);

        Assert.That(exit, Is.EqualTo(2), err);
        Assert.That(server.Requests, Is.EqualTo(1), "a 401 is neither retried nor repeated for the next episode");
        Assert.That(CliRunner.Messages(err).Last(), Does.Contain("failed with auth").And.Contain("HTTP 401").And.Contain($"--resume {run} --retry-errors"));
        Assert.That(File.ReadAllLines(Path.Combine(run, "trajectories.jsonl")), Has.Length.EqualTo(1), "the failed episode is logged");
    }

    [GeneratedRegex(@"[Qq]uestion (number )?2\b")]
    private static partial Regex Question2();
}
