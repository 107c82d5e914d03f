using Memento.Core;
using Memento.Core.Data;
using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Data;

public class DatasetRegistryTests
{
    private const string Hash = "30c21c7da1872af08d7db1aacb5f45a57d0a7f038dd7f7baed51231bf6c5e10e";

    private static string Write(string yaml)
    {
        var path = Path.Combine(TestPaths.TempDir(), "registry.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string Entry(string extra = "", string sha = Hash, string url = "https://example.org/data/a.jsonl") => $"""
        datasets:
          - name: a
            url: {url}
            sha256: {sha}
            path: data/a.jsonl
            rows: 3
        {extra}
        """;

    [Test]
    public void The_shipped_registry_is_the_repository_file_and_lists_the_pinned_datasets()
    {
        var shipped = DatasetRegistry.Load();
        var source = DatasetRegistry.Load(Path.Combine(TestPaths.RepoRoot, "datasets", "registry.yaml"));
        Assert.That(File.ReadAllText(shipped.Path), Is.EqualTo(File.ReadAllText(source.Path)), "the build copies datasets/registry.yaml beside the CLI");
        Assert.That(shipped.Entries.Select(e => e.Name), Is.EqualTo(new[]
        {
            "deepresearcher-test", "deepresearcher-dev", "memento-deepresearcher", "memento-memory", "memento-training-data", "memento-dummy-memo",
        }));
        Assert.That(shipped.Find("DeepResearcher-Test").Rows, Is.EqualTo(3197));
        Assert.That(shipped.Gated.Select(g => g.Name), Is.EqualTo(new[] { "gaia", "hle" }));
        Assert.That(shipped.Gated.Select(g => g.Note), Has.All.Contain("HF_TOKEN").And.All.Contain("terms"));
    }

    [Test]
    public void A_minimal_registry_loads_with_defaults_and_a_lower_case_hash()
    {
        var registry = DatasetRegistry.Load(Write(Entry(sha: Hash.ToUpperInvariant())));
        var a = registry.Find("a");
        Assert.That((a.Url, a.Sha256, a.RelativePath, a.Rows, a.Kind), Is.EqualTo(("https://example.org/data/a.jsonl", Hash, "data/a.jsonl", 3, "")));
        Assert.That(registry.Gated, Is.Empty);
        Assert.That(() => registry.Find("gaia"), Throws.TypeOf<MementoException>().With.Message.Contains("unknown dataset 'gaia'; known: a"));
    }

    [TestCase("    mirror: x", "entry 'a': key 'mirror': unknown key; allowed: name, url, sha256")]
    [TestCase("  - name: b\n    url: https://example.org/b\n    sha256: " + Hash + "\n    path: b\n    rows: many", "entry 'b': key 'rows': 'many' is not a non-negative integer")]
    [TestCase("  - name: b\n    url: https://example.org/b\n    path: b", "entry 'b': key 'sha256': missing; expected a value")]
    [TestCase("  - url: https://example.org/b\n    sha256: " + Hash + "\n    path: b", "entry datasets[1]: key 'name': missing")]
    [TestCase("  - name: b\n    sha256: " + Hash + "\n    path: b", "entry 'b': key 'url': missing")]
    [TestCase("  - name: A\n    url: https://example.org/b\n    sha256: " + Hash + "\n    path: b", "entry 'a': key 'name' is used by more than one entry")]
    [TestCase("  - name: b\n    url: https://example.org/b\n    sha256: " + Hash + "\n    path: ../b", "entry 'b': key 'path': '../b' must be a relative path")]
    [TestCase("gated:\n  - name: g", "entry 'g': key 'note': missing")]
    [TestCase("mirrors: []", "unknown key 'mirrors'; allowed: datasets, gated")]
    public void A_malformed_registry_names_the_file_the_entry_and_the_key(string extra, string expected)
    {
        var path = Write(Entry(extra));
        Assert.That(() => DatasetRegistry.Load(path), Throws.TypeOf<MementoException>().With.Message.StartsWith(path + ": ").And.Message.Contains(expected));
    }

    [TestCase("abc123", "'abc123' is not a SHA-256 (64 hex digits)")]
    [TestCase("z0c21c7da1872af08d7db1aacb5f45a57d0a7f038dd7f7baed51231bf6c5e10e", "is not a SHA-256")]
    public void A_bad_hash_is_rejected(string sha, string expected) =>
        Assert.That(() => DatasetRegistry.Load(Write(Entry(sha: sha))),
            Throws.TypeOf<MementoException>().With.Message.Contains("entry 'a': key 'sha256': ").And.Message.Contains(expected));

    [Test]
    public void A_bad_url_invalid_yaml_and_a_missing_file_are_one_line_errors()
    {
        Assert.That(() => DatasetRegistry.Load(Write(Entry(url: "ftp://example.org/a"))),
            Throws.TypeOf<MementoException>().With.Message.Contains("entry 'a': key 'url': 'ftp://example.org/a' is not an http(s) URL"));
        var broken = Write("datasets:\n  - name: [a\n");
        Assert.That(() => DatasetRegistry.Load(broken), Throws.TypeOf<MementoException>().With.Message.StartsWith(broken + ":").And.Message.Contains("invalid YAML"));
        Assert.That(() => DatasetRegistry.Load(Write("gated: []\n")), Throws.TypeOf<MementoException>().With.Message.Contains("key 'datasets' lists no dataset"));
        Assert.That(() => DatasetRegistry.Load("/nonexistent/registry.yaml"), Throws.TypeOf<MementoException>().With.Message.EqualTo("dataset registry not found: /nonexistent/registry.yaml"));
    }

    [Test]
    public async Task The_cli_reads_another_registry_with_registry_and_fails_on_a_bad_one_with_exit_2()
    {
        var path = Write(Entry());
        var (exit, stdout, stderr) = await CliRunner.RunAsync("datasets", "list", "--registry", path);
        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("https://example.org/data/a.jsonl").And.Not.Contain("deepresearcher-test"));

        var bad = Write(Entry(sha: "nothex"));
        (exit, _, stderr) = await CliRunner.RunAsync("datasets", "fetch", "a", "--registry", bad, "--to", TestPaths.TempDir());
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.TrimEnd(), Is.EqualTo($"error: {bad}: entry 'a': key 'sha256': 'nothex' is not a SHA-256 (64 hex digits)"));
    }
}
