using Memento.Core.Results;
using Memento.Llm.Loopback;
using Memento.Tests.Learning;
using Memento.Tests.Llm;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary><c>memento sweep --jobs N</c>: points running at once give the files of points run one after another, and
/// share one request budget and one response cache.</summary>
[Category("EndToEnd")]
public class SweepJobsTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = TestPaths.TempDir();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    /// <summary>Files a point writes that hold no wall-clock figure, compared byte for byte (the learned state, qnet.pt
    /// and kernel.pt, where the point has one); episodes.csv and summary.csv are compared without the columns that depend
    /// on timing: _ms, and which point sent a shared request and which got it from the cache (cost_usd, cache_hits).</summary>
    private static readonly string[] SameFiles =
        [RunFolder.CaseBankFile, RunFolder.PassAtKFile, RunFolder.QNetFile, RunFolder.KernelFile, RunFolder.ConfigFile];

    private static void AssertSameSweep(string expected, string actual)
    {
        foreach (var file in new[] { "points.csv", RunFolder.TableFile })
            Assert.That(File.ReadAllText(Path.Combine(actual, file)), Is.EqualTo(File.ReadAllText(Path.Combine(expected, file))), file);
        Assert.That(LlmRunEndToEndTests.Comparable(Path.Combine(actual, RunFolder.SummaryFile)),
            Is.EqualTo(LlmRunEndToEndTests.Comparable(Path.Combine(expected, RunFolder.SummaryFile))), RunFolder.SummaryFile);
        var points = Directory.GetDirectories(expected).Select(Path.GetFileName).Where(p => File.Exists(Path.Combine(expected, p!, RunFolder.EpisodesFile))).ToList();
        Assert.That(points, Is.Not.Empty);
        foreach (var point in points)
        {
            var (a, b) = (Path.Combine(expected, point!), Path.Combine(actual, point!));
            foreach (var csv in new[] { RunFolder.EpisodesFile, RunFolder.SummaryFile })
                Assert.That(LlmRunEndToEndTests.Comparable(Path.Combine(b, csv)),
                    Is.EqualTo(LlmRunEndToEndTests.Comparable(Path.Combine(a, csv))), $"{point}/{csv}");
            foreach (var file in SameFiles.Where(f => File.Exists(Path.Combine(a, f))))
                Assert.That(File.ReadAllBytes(Path.Combine(b, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(a, file))), $"{point}/{file}");
        }
    }

    [Test]
    public async Task Learned_policies_running_at_once_equal_the_points_run_one_after_another()
    {
        // Networks built and trained on several threads at once: torch's global generator is seeded per network under
        // a lock, and every other draw comes from the policy's own generator.
        var config = Path.Combine(_dir, "learned.yaml");
        File.WriteAllText(config, $$$"""
            name: learned
            dataset: {kind: synthetic, synthetic_tasks: 60}
            memory: {k: 2, qnet: {warmup: 8, batch_size: 8, {{{DivergenceTests.SmallShapeYaml}}}}}
            schedule: {iterations: 2}
            grid:
              memory.policy: [qnet, kernel]
              seed: [1, 2, 3]
            """);
        var (serial, parallel) = (Path.Combine(_dir, "jobs1"), Path.Combine(_dir, "jobs4"));
        var (exit, _, err) = await CliRunner.RunAsync("sweep", config, "--out", serial, "--no-report");
        Assert.That(exit, Is.Zero, err);
        (exit, _, err) = await CliRunner.RunAsync("sweep", config, "--out", parallel, "--jobs", "4", "--no-report");
        Assert.That(exit, Is.Zero, err);
        Assert.That(File.Exists(Path.Combine(serial, "memory.policy-qnet_seed-2", RunFolder.QNetFile)), "a Q-network was trained and saved");
        AssertSameSweep(serial, parallel);
        Assert.That(err.Split('\n').Count(l => l.Contains("] done (")), Is.EqualTo(6), "one line per finished point");
    }

    private string WriteLlmSweep(string name, string baseUrl, string agentExtra, string extra) => LlmWorld.WriteConfig(_dir, name, baseUrl, agentExtra, extra);

    [Test]
    public async Task An_llm_sweep_at_four_jobs_equals_one_job_and_sends_each_shared_request_once()
    {
        using var server = new LoopbackOpenAiServer(LlmRunEndToEndTests.ToolScript);
        // Points of one grid ask identical questions with an empty bank, so they share cache keys; each sweep starts
        // from an empty cache file, which its points share.
        var cache = Path.Combine(_dir, "responses.sqlite");
        var config = WriteLlmSweep("llm", server.BaseUrl, "", $$"""
            schedule: {iterations: 2, parallelism: 2}
            cache: {path: {{cache}}, mode: read-write}
            grid:
              memory.policy: [similarity, none, random]
              memory.k: [1, 2]
            """);
        var (serial, parallel) = (Path.Combine(_dir, "jobs1"), Path.Combine(_dir, "jobs4"));
        var (exit, _, err) = await CliRunner.RunAsync("sweep", config, "--out", serial, "--no-report");
        Assert.That(exit, Is.Zero, err);
        var sentSerially = server.Requests;
        Assert.That(server.Received.Count(r => r.Model == "judge"), Is.GreaterThan(0), "the LLM judge ruled");
        File.Move(cache, cache + ".jobs1");

        (exit, _, err) = await CliRunner.RunAsync("sweep", config, "--out", parallel, "--jobs", "4", "--no-report");
        Assert.That(exit, Is.Zero, err);
        AssertSameSweep(serial, parallel);
        Assert.That(server.Requests - sentSerially, Is.EqualTo(sentSerially),
            "a request two points need at once is sent once, as when they run one after another");
    }

    [Test]
    public async Task Requests_per_minute_is_the_budget_of_the_whole_sweep()
    {
        using var server = new LoopbackOpenAiServer(LlmRunEndToEndTests.ToolScript);
        const double perMinute = 1200;   // one request start every 50 ms
        var config = WriteLlmSweep("limited", server.BaseUrl, $", requests_per_minute: {perMinute}", """
            schedule: {iterations: 1, parallelism: 3}
            cache: {mode: off}
            grid:
              seed: [1, 2, 3, 4]
            """);
        var (exit, _, err) = await CliRunner.RunAsync("sweep", config, "--out", Path.Combine(_dir, "out"), "--jobs", "4", "--no-report");
        Assert.That(exit, Is.Zero, err);

        // The gate spaces request starts 50 ms apart across all four points, so n requests arrive over at least
        // (n − 1) × 50 ms, less the first one's own delay on the way (allowed a generous quarter of the span). Four
        // gates of their own would have let them arrive in about a quarter of that.
        var arrivals = server.Received.Select(r => r.ArrivedAt).Order().ToList();
        Assert.That(arrivals, Has.Count.GreaterThanOrEqualTo(4 * 6 * 3));
        var budget = TimeSpan.FromMinutes((arrivals.Count - 1) / perMinute);
        Assert.That(arrivals[^1] - arrivals[0], Is.GreaterThanOrEqualTo(budget * 0.75),
            $"{arrivals.Count} requests at {perMinute}/min need {budget.TotalSeconds:F2} s");
    }

    [Test]
    public async Task A_point_that_fails_stops_the_points_running_beside_it_after_their_wave()
    {
        // The working point's requests wait until the failing point's first request has arrived, so the failure always
        // comes while the working point runs.
        var failed = new ManualResetEventSlim();
        using var server = new LoopbackOpenAiServer(r =>
        {
            if (r.Model == "missing")
            {
                failed.Set();
                return LoopbackReply.Error(404, "The model 'missing' does not exist");
            }
            failed.Wait(TimeSpan.FromSeconds(30));
            return LlmRunEndToEndTests.ToolScript(r);
        });
        var config = WriteLlmSweep("failing", server.BaseUrl, "", """
            schedule: {iterations: 2, parallelism: 1}
            cache: {mode: off}
            grid:
              agent.planner_model: [planner, missing]
            """);
        var dir = Path.Combine(_dir, "out");
        var (exit, _, err) = await CliRunner.RunAsync("sweep", config, "--out", dir, "--jobs", "2", "--no-report");

        Assert.That(exit, Is.EqualTo(2), err);
        Assert.That(CliRunner.Messages(err).Last(), Does.StartWith("error: ").And.Contain("HTTP 404"));
        var working = Directory.GetDirectories(dir).Single(d => d.EndsWith("planner_model-planner"));
        Assert.That(File.Exists(Path.Combine(working, RunFolder.SummaryFile)), Is.False, "the working point stopped before its end");
        Assert.That(Provenance.Read(Path.Combine(working, RunFolder.ProvenanceFile))!.ExitStatus, Is.EqualTo(RunStatus.Interrupted));
        Assert.That(Directory.GetFiles(dir, RunFolder.LockFile, SearchOption.AllDirectories), Is.Empty);
    }

    [TestCase("0")]
    [TestCase("-2")]
    public async Task A_bad_jobs_count_is_one_clear_line(string jobs)
    {
        var (exit, _, err) = await CliRunner.RunAsync("sweep", Path.Combine(TestPaths.RepoRoot, "configs", "quickstart.yaml"), "--jobs", jobs, "--out", Path.Combine(_dir, "out"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(CliRunner.Messages(err), Is.EqualTo(new[] { $"error: --jobs: expected a whole number of grid points to run at once (1 or more), got {jobs}" }));
        Assert.That(Directory.Exists(Path.Combine(_dir, "out")), Is.False);
    }
}
