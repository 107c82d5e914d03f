using Memento.Tests.Learning;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>Inputs that used to run quietly with something other than what was written (issue 13, item 6), and
/// configs that used to end in a stack trace (item 5): each is refused with one line naming what was wrong.</summary>
public class SilentAcceptanceTests
{
    private static readonly string Quickstart = Path.Combine(TestPaths.RepoRoot, "configs", "quickstart.yaml");

    private static async Task<string> RefusedAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync(args);
        Assert.That(exit, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Not.Contain("   at "));
        var lines = CliRunner.Messages(stderr).Where(l => !l.StartsWith("note:")).ToArray();   // quickstart's grid note
        Assert.That(lines, Has.Length.EqualTo(1), stderr);
        return lines[0];
    }

    [Test]
    public async Task An_empty_set_value_is_refused_naming_the_key() =>
        Assert.That(await RefusedAsync("config", Quickstart, "--set", "memory.k="),
            Is.EqualTo("error: --set memory.k=: no value after '='; give one (e.g. memory.k=4), or null to unset an optional key"));

    [TestCase("")]
    [TestCase("# only a comment\n\n")]
    public async Task An_empty_config_file_is_refused(string text)
    {
        var path = Path.Combine(TestPaths.TempDir(), "empty.yaml");
        File.WriteAllText(path, text);
        Assert.That(await RefusedAsync("run", path, "--out", Path.Combine(TestPaths.TempDir(), "out")),
            Is.EqualTo($"error: {path}: the config file is empty; expected a mapping of keys (configs/quickstart.yaml is an example)"));
    }

    [Test]
    public async Task An_unclosed_flow_mapping_names_the_file_line_and_column()
    {
        var path = Path.Combine(TestPaths.TempDir(), "broken.yaml");
        File.WriteAllText(path, "name: broken\nmemory: {k: 4\nschedule: {iterations: 1}\n");
        Assert.That(await RefusedAsync("run", path, "--out", Path.Combine(TestPaths.TempDir(), "out")),
            Is.EqualTo($"error: {path}:2: invalid YAML: '{{' at column 9 is never closed"));
    }

    [Test]
    public async Task A_quoted_key_segment_keeps_its_dots()
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync("config", Quickstart,
            "--set", "prices.\"gpt-4.1\".input_per_mtok=2", "--set", "prices.\"gpt-4.1\".output_per_mtok=8");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("  gpt-4.1:\n    input_per_mtok: 2\n    output_per_mtok: 8"));
        Assert.That(await RefusedAsync("config", Quickstart, "--set", "prices.\"gpt-4.1.input_per_mtok=2"),
            Is.EqualTo("error: --set prices.\"gpt-4.1.input_per_mtok: a quoted key segment is not closed"));
    }

    [Test]
    public async Task A_qnet_init_of_another_shape_is_refused_naming_both_values()
    {
        var dir = TestPaths.TempDir();
        var checkpoint = DivergenceTests.DivergedCheckpoint(dir);
        Assert.That(await RefusedAsync("run", Quickstart, "--set", "memory.policy=qnet", "--set", "memory.qnet.init=" + checkpoint,
                "--set", "memory.qnet.buckets=1024", "--set", "memory.qnet.embedding_dim=8", "--out", Path.Combine(dir, "out")),
            Is.EqualTo($"error: config: memory.qnet.init = '{checkpoint}' does not match the config: memory.qnet.hidden = 128 but the checkpoint has 8; set those keys to the checkpoint's values"));
    }

    [Test]
    public async Task A_directory_as_cache_path_is_refused_naming_the_key()
    {
        var dir = TestPaths.TempDir();
        Assert.That(await RefusedAsync("run", Quickstart, "--set", "agent.kind=llm", "--set", "agent.base_url=http://127.0.0.1:9/v1",
                "--set", "cache.path=" + dir, "--out", Path.Combine(dir, "out")),
            Is.EqualTo($"error: config: cache.path = '{dir}' is invalid; expected a SQLite file to create or reuse, not a directory (e.g. {Path.Combine(dir, "responses.sqlite")})"));
    }
}
