using Memento.Llm;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary><c>memento cache merge</c>: the per-task response caches of an array job become one file.</summary>
public class CacheMergeTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = TestPaths.TempDir();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Cache(string name, params (string Key, string Response)[] entries)
    {
        var path = Path.Combine(_dir, name);
        using var cache = new SqliteResponseCache(path, readOnly: false);
        foreach (var (key, response) in entries) cache.Put(key, "planner", response);
        return path;
    }

    [Test]
    public async Task Merge_adds_what_the_target_lacks_and_keeps_its_own_response_for_a_shared_request()
    {
        var target = Cache("merged.sqlite", ("a", "A"));
        var shard0 = Cache("shard-0.sqlite", ("a", "A"), ("b", "B"));
        var shard1 = Cache("shard-1.sqlite", ("b", "B"), ("c", "C"), ("a", "other A"));

        var (exit, stdout, err) = await CliRunner.RunAsync("cache", "merge", target, shard0, shard1);
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout.TrimEnd().Split('\n'), Is.EqualTo(new[]
        {
            $"{shard0}: 2 responses, 1 added",
            $"{shard1}: 3 responses, 1 added; 1 requests it answers otherwise keep {target}'s response",
            $"{target}: 3 responses",
        }));
        using var merged = new SqliteResponseCache(target, readOnly: true);
        Assert.That(new[] { "a", "b", "c" }.Select(merged.Get), Is.EqualTo(new[] { "A", "B", "C" }));
    }

    [Test]
    public async Task A_missing_or_foreign_file_is_one_clear_line()
    {
        var target = Path.Combine(_dir, "merged.sqlite");
        var (exit, _, err) = await CliRunner.RunAsync("cache", "merge", target, Path.Combine(_dir, "none.sqlite"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(CliRunner.Messages(err).Single(), Does.StartWith("error: ").And.Contain("none.sqlite"));

        var foreign = Path.Combine(_dir, "foreign.sqlite");
        using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={foreign};Pooling=false"))
        {
            other.Open();
            using var create = other.CreateCommand();
            create.CommandText = "CREATE TABLE t (x INTEGER)";
            create.ExecuteNonQuery();
        }
        (exit, _, err) = await CliRunner.RunAsync("cache", "merge", target, foreign);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(CliRunner.Messages(err).Single(), Does.StartWith($"error: cache file {foreign} is not a response cache: "));
    }
}
