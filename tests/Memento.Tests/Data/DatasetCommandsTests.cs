using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Memento.Core.Data;
using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Data;

public class DatasetCommandsTests
{
    private static readonly Dictionary<string, int> TestSources = new()
    {
        ["nq"] = 512, ["tq"] = 512, ["hotpotqa"] = 512, ["2wiki"] = 512, ["musique"] = 512, ["popqa"] = 512, ["Bamboogle"] = 125,
    };

    private static Dictionary<string, int> Sources(JsonElement summary) =>
        summary.GetProperty("sources").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    [Test]
    public async Task Inspect_reports_the_deepresearcher_test_set_from_parquet_and_jsonl()
    {
        foreach (var path in new[] { TestData.DeepResearcherTest, TestData.MementoJsonl })
        {
            var (exit, stdout, stderr) = await CliRunner.RunAsync("datasets", "inspect", path);
            Assert.That(exit, Is.EqualTo(0), stderr);
            var summary = JsonDocument.Parse(stdout).RootElement;
            Assert.That(summary.GetProperty("kind").GetString(), Is.EqualTo("deepresearcher"));
            Assert.That(summary.GetProperty("tasks").GetInt32(), Is.EqualTo(3197));
            Assert.That(Sources(summary), Is.EqualTo(TestSources));
            Assert.That(summary.GetProperty("answers").GetProperty("hidden").GetInt32(), Is.EqualTo(0));
            Assert.That(summary.GetProperty("answers").GetProperty("with_alternatives").GetInt32(), Is.GreaterThan(0));
        }
    }

    [Test]
    public async Task Inspect_summarises_a_gaia_file_by_level()
    {
        var dir = TestPaths.TempDir();
        var path = Path.Combine(dir, "metadata.jsonl");
        File.WriteAllLines(path,
        [
            """{"task_id":"a","Question":"Q1?","Level":1,"Final answer":"17","file_name":""}""",
            """{"task_id":"b","Question":"Q2?","Level":"2","Final answer":"x, y","file_name":"gone.pdf"}""",
            """{"task_id":"c","Question":"Q3?","Level":2,"Final answer":"?","file_name":""}""",
            """{"task_id":"0-0-0-0-0","Question":"","Level":1,"Final answer":"?","file_name":""}""",
        ]);
        var (exit, stdout, stderr) = await CliRunner.RunAsync("datasets", "inspect", path);
        Assert.That(exit, Is.EqualTo(0), stderr);
        var summary = JsonDocument.Parse(stdout).RootElement;
        Assert.That(summary.GetProperty("kind").GetString(), Is.EqualTo("gaia"));
        Assert.That(summary.GetProperty("tasks").GetInt32(), Is.EqualTo(3));
        Assert.That(Sources(summary), Is.EqualTo(new Dictionary<string, int> { ["gaia-L1"] = 1, ["gaia-L2"] = 2 }));
        Assert.That(summary.GetProperty("levels").GetProperty("2").GetInt32(), Is.EqualTo(2));
        Assert.That(summary.GetProperty("missing_attachments").GetInt32(), Is.EqualTo(1));
        var answers = summary.GetProperty("answers");
        Assert.That((answers.GetProperty("hidden").GetInt32(), answers.GetProperty("numeric").GetInt32(), answers.GetProperty("list").GetInt32()), Is.EqualTo((1, 1, 1)));
    }

    [Test]
    public async Task Inspect_errors_are_one_line_and_exit_2()
    {
        var path = Path.Combine(TestPaths.TempDir(), "wrong.parquet");
        ParquetFixtures.WriteStrings(path, ("data_source", ["nq"]));
        var (exit, stdout, stderr) = await CliRunner.RunAsync("datasets", "inspect", path);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.TrimEnd(), Does.StartWith($"error: {path}: parquet column 'reward_model.ground_truth' is missing"));
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stdout, Is.Empty);

        var bad = Path.Combine(TestPaths.TempDir(), "bad.jsonl");
        File.WriteAllText(bad, "{\"question\":\"q\",\"ground_truth\":\"a\",\"data_source\":\"nq\"}\n{\"question\":\"q\",\"data_source\":\"nq\"}\n");
        (exit, _, stderr) = await CliRunner.RunAsync("datasets", "inspect", bad);
        Assert.That((exit, stderr.TrimEnd()), Is.EqualTo((2, $"error: {bad}:2: missing string field 'ground_truth'")));

        (exit, _, stderr) = await CliRunner.RunAsync("datasets", "inspect", bad, "--kind", "nope");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--kind = 'nope'"));
    }

    [Test]
    public async Task List_names_every_registry_entry_and_explains_gaia()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync("datasets", "list");
        Assert.That(exit, Is.EqualTo(0));
        foreach (var entry in DatasetRegistry.Load().Entries)
            Assert.That(stdout, Does.Contain(entry.Name).And.Contain(entry.Sha256));
        Assert.That(stdout, Does.Contain("HF_TOKEN"));
        var (gaiaExit, _, gaiaErr) = await CliRunner.RunAsync("datasets", "fetch", "gaia");
        Assert.That(gaiaExit, Is.EqualTo(2));
        Assert.That(gaiaErr, Does.Contain("HF_TOKEN").And.Contain("terms"));
        var (unknownExit, _, unknownErr) = await CliRunner.RunAsync("datasets", "fetch", "squad");
        Assert.That(unknownExit, Is.EqualTo(2));
        Assert.That(unknownErr, Does.Contain("unknown dataset 'squad'").And.Contain("deepresearcher-test"));
    }

    [Test]
    public async Task Every_registry_entry_is_pinned_to_a_commit_and_fetches_with_its_hash_into_the_datasets_folder()
    {
        foreach (var entry in DatasetRegistry.Load().Entries)
        {
            var path = TestData.File(entry.Name);
            Assert.That(path, Is.EqualTo(Path.Combine(TestPaths.RepoRoot, "datasets", entry.RelativePath)));
            Assert.That(await DatasetFetcher.Sha256Async(path), Is.EqualTo(entry.Sha256), entry.Name);
            Assert.That(entry.Url, Does.Match("^https://raw\\.githubusercontent\\.com/[^/]+/[^/]+/[0-9a-f]{40}/").And.EndWith(Path.GetFileName(entry.RelativePath)));
        }
    }

    [Test]
    public async Task Fetch_downloads_verifies_and_renames_and_rejects_a_corrupted_download()
    {
        _ = (TestData.DeepResearcherTest, TestData.DummyMemo);  // the loopback server serves the repository's datasets/ folder
        using var server = new LoopbackServer(TestData.Folder);
        var to = TestPaths.TempDir();

        var (exit, stdout, stderr) = await CliRunner.RunAsync("datasets", "fetch", "deepresearcher-test", "--to", to, "--mirror", server.Url);
        Assert.That(exit, Is.EqualTo(0), stderr);
        var target = Path.Combine(to, "deepresearcher", "test.parquet");
        Assert.That(stdout, Does.Contain("sha256 verified").And.Contain(target));
        Assert.That(await DatasetFetcher.Sha256Async(target), Is.EqualTo(DatasetRegistry.Load().Find("deepresearcher-test").Sha256));
        Assert.That(DeepResearcherParquetReader.Read(target), Has.Count.EqualTo(3197));

        (exit, stdout, _) = await CliRunner.RunAsync("datasets", "fetch", "deepresearcher-test", "--to", to, "--mirror", server.Url);
        Assert.That(exit, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("already present"));

        (exit, _, stderr) = await CliRunner.RunAsync("datasets", "fetch", "memento-dummy-memo", "--to", to, "--mirror", server.Url + "corrupt/");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("memento-dummy-memo").And.Contain("failed its SHA-256 check"));
        Assert.That(File.Exists(Path.Combine(to, "memento", "dummy_memo.jsonl")), Is.False, "nothing under the final name");
        Assert.That(Directory.GetFiles(to, "*", SearchOption.AllDirectories).Where(f => f.Contains(".part-")), Is.Empty, "no temp file left");

        (exit, _, stderr) = await CliRunner.RunAsync("datasets", "fetch", "memento-memory", "--to", to, "--mirror", server.Url + "missing/");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("HTTP 404"));

        (exit, _, _) = await CliRunner.RunAsync("datasets", "fetch", "memento-dummy-memo", "--to", to, "--mirror", server.Url);
        Assert.That(exit, Is.EqualTo(0));
        Assert.That(File.ReadAllLines(Path.Combine(to, "memento", "dummy_memo.jsonl")), Has.Length.EqualTo(8));
        Assert.That(server.Requests, Does.Contain("/deepresearcher/test.parquet").And.Contain("/corrupt/memento/dummy_memo.jsonl"));
    }

    [Test]
    public async Task Fetch_all_fills_the_folder_from_a_mirror_and_names_the_gated_datasets()
    {
        _ = TestData.Registry.Entries.Select(e => TestData.File(e.Name)).ToList();
        var to = TestPaths.TempDir();
        var (exit, stdout, stderr) = await CliRunner.RunAsync("datasets", "fetch", "--all", "--to", to, "--mirror", TestData.Folder);
        Assert.That(exit, Is.Zero, stderr);
        foreach (var entry in TestData.Registry.Entries)
        {
            Assert.That(stdout, Does.Contain($"{entry.Name}: {new FileInfo(TestData.File(entry.Name)).Length:N0} bytes, sha256 verified: {Path.Combine(to, entry.RelativePath)}"));
            Assert.That(await DatasetFetcher.Sha256Async(Path.Combine(to, entry.RelativePath)), Is.EqualTo(entry.Sha256));
        }
        Assert.That(stdout, Does.Contain("gaia: gated, not fetched"));

        (exit, _, stderr) = await CliRunner.RunAsync("datasets", "fetch", "memento-memory", "--all", "--to", to);
        Assert.That((exit, stderr.TrimEnd()), Is.EqualTo((2, "error: datasets fetch: give either names ('memento-memory') or --all, not both")));
    }

    [Test]
    public async Task Fetch_takes_several_names_at_once()
    {
        _ = (TestData.File("memento-memory"), TestData.File("memento-dummy-memo"));
        var to = TestPaths.TempDir();
        var (exit, stdout, stderr) = await CliRunner.RunAsync("datasets", "fetch", "memento-memory", "memento-dummy-memo", "--to", to, "--mirror", TestData.Folder);
        Assert.That(exit, Is.Zero, stderr);
        foreach (var name in new[] { "memento-memory", "memento-dummy-memo" })
            Assert.That(File.Exists(Path.Combine(to, TestData.Registry.Find(name).RelativePath)), Is.True, stdout);

        (exit, _, stderr) = await CliRunner.RunAsync("datasets", "fetch", "memento-memory", "squad", "--to", to, "--mirror", TestData.Folder);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("squad"));
    }

    [Test]
    public async Task A_missing_dataset_file_is_one_line_with_its_absolute_path_and_the_fetch_command()
    {
        var elsewhere = TestPaths.TempDir();
        var cases = new[]
        {
            (Path.Combine(elsewhere, "memento", "deepresearcher.jsonl"), $"memento datasets fetch memento-deepresearcher --to {elsewhere}"),
            (Path.Combine("datasets", "memento", "deepresearcher.jsonl"), "memento datasets fetch memento-deepresearcher"),
        };
        foreach (var (path, command) in cases)
        {
            var (exit, _, stderr) = await CliRunner.RunAsync("run", Path.Combine(TestPaths.RepoRoot, "configs", "quickstart.yaml"),
                "--set", "dataset.kind=deepresearcher", "--set", "dataset.path=" + path, "--out", Path.Combine(elsewhere, "out"));
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(CliRunner.Messages(stderr).Where(m => !m.StartsWith("note:")), Is.EqualTo(new[] { $"error: dataset file not found: {Path.GetFullPath(path)}; `{command}` downloads it" }));
        }
        var parquet = Path.Combine(elsewhere, "data", "deepresearcher", "test.parquet");
        var (_, _, err) = await CliRunner.RunAsync("datasets", "inspect", parquet);
        Assert.That(err.TrimEnd(), Is.EqualTo($"error: dataset file not found: {parquet}; `memento datasets fetch deepresearcher-test --to {Path.Combine(elsewhere, "data")}` downloads it"));
        var own = Path.Combine(elsewhere, "mine.jsonl");
        (_, _, err) = await CliRunner.RunAsync("datasets", "inspect", own);
        Assert.That(err.TrimEnd(), Is.EqualTo($"error: dataset file not found: {own}"), "a file the registry does not provide gets no command");
    }

    /// <summary>Serves files under a root on 127.0.0.1; <c>/corrupt/...</c> serves the file with one byte flipped and
    /// <c>/missing/...</c> answers 404.</summary>
    private sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly string _root;
        private readonly Task _loop;

        public LoopbackServer(string root)
        {
            _root = root;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public string Url { get; }

        public List<string> Requests { get; } = [];

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                var path = context.Request.Url!.AbsolutePath;
                lock (Requests) Requests.Add(path);
                var corrupt = path.StartsWith("/corrupt/");
                var relative = (corrupt ? path["/corrupt/".Length..] : path.TrimStart('/')).Replace('/', Path.DirectorySeparatorChar);
                var file = Path.Combine(_root, relative);
                if (path.StartsWith("/missing/") || !File.Exists(file))
                {
                    context.Response.StatusCode = 404;
                    context.Response.Close();
                    continue;
                }
                var bytes = await File.ReadAllBytesAsync(file);
                if (corrupt) bytes[bytes.Length / 2] ^= 0x20;
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        }
    }
}
