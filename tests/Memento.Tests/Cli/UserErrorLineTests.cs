using Memento.Core.Data;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>Inputs that used to end in a stack trace or the whole help text: each is one line and exit code 2.</summary>
public class UserErrorLineTests
{
    [TestCase(new[] { "run", "configs/quickstart.yaml", "--set", "memory.k", "8" }, "error: Unrecognized command or argument '8'. (see `memento run --help`)")]
    [TestCase(new[] { "score", "--predictions", "p.jsonl", "--scorer", "bogus" }, "error: Argument 'bogus' not recognized. Must be one of: 'gaia' 'deepresearcher' 'hle' (see `memento score --help`)")]
    [TestCase(new[] { "datasets", "fetch" }, "error: datasets fetch: name a dataset (see 'memento datasets list') or pass --all")]
    public async Task A_command_line_that_does_not_parse_is_one_line_and_exit_2(string[] args, string expected)
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync(args);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.TrimEnd('\n'), Is.EqualTo(expected));
        Assert.That(stdout, Is.Empty, "no help text");
    }

    [Test]
    public async Task No_arguments_shows_the_help()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync();
        Assert.That(exit, Is.Zero);
        Assert.That(stdout, Does.Contain("sweep").And.Contain("datasets"));
    }

    [Test]
    public async Task A_broken_json_line_names_the_file_line_and_column_only()
    {
        var dir = TestPaths.TempDir();
        var data = Path.Combine(dir, "data.jsonl");
        File.WriteAllText(data, "{\"id\":\"a\",\"question\":\"q\",\"answer\":\"x\"}\n{\"id\":\"b\",\"question\":\"q2\" \"answer\":\"y\"}\n");
        var (exit, _, stderr) = await CliRunner.RunAsync("run", Path.Combine(TestPaths.RepoRoot, "configs", "quickstart.yaml"), "--set", "dataset.kind=jsonl",
            "--set", "dataset.path=" + data, "--out", Path.Combine(dir, "out"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("data.jsonl:2: invalid JSON (column 27): "));
        Assert.That(stderr, Does.Not.Contain("LineNumber").And.Not.Contain("BytePositionInLine"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Fetch_reads_a_local_mirror_folder_as_a_path_or_a_file_url(bool asFileUrl)
    {
        var to = TestPaths.TempDir();
        _ = TestData.DummyMemo;                                 // the repository's datasets/ folder holds it: the mirror here
        var mirror = asFileUrl ? new Uri(TestData.Folder).AbsoluteUri : TestData.Folder;
        var (exit, stdout, stderr) = await CliRunner.RunAsync("datasets", "fetch", "memento-dummy-memo", "--to", to, "--mirror", mirror);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("sha256 verified"));
        Assert.That(File.ReadAllLines(Path.Combine(to, "memento", "dummy_memo.jsonl")), Has.Length.EqualTo(8));
    }

    [Test]
    public async Task A_failed_fetch_from_a_local_mirror_is_one_line_and_leaves_no_empty_folders()
    {
        var to = Path.Combine(TestPaths.TempDir(), "fresh");
        var empty = TestPaths.TempDir();
        var (exit, _, stderr) = await CliRunner.RunAsync("datasets", "fetch", "memento-dummy-memo", "--to", to, "--mirror", empty);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(CliRunner.Messages(stderr), Is.EqualTo(new[] { $"error: datasets: {Path.Combine(empty, "memento", "dummy_memo.jsonl")} not found in the mirror folder" }));
        Assert.That(Directory.Exists(to), Is.False, "the folders a failed fetch made are removed");
        Assert.That(DatasetRegistry.Load().Find("memento-dummy-memo").RelativePath, Is.EqualTo(Path.Combine("memento", "dummy_memo.jsonl")));
    }
}
