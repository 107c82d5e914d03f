using System.Collections.Concurrent;
using Memento.Core;
using Memento.Core.Data;
using NUnit.Framework;

namespace Memento.Tests;

/// <summary>
/// The real dataset files the tests read, in the repository's <c>datasets/</c> folder where <c>memento datasets fetch</c>
/// puts them. A file that is missing (or fails its SHA-256) is fetched on first use by the project's own fetcher,
/// from <c>MEMENTO_DATASETS_MIRROR</c> when it is set, else from the pinned upstream URL; when that cannot happen the
/// test fails with one line naming the command to run.
/// </summary>
public static class TestData
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Fetches = new();

    /// <summary>The repository's dataset folder (the default of <c>memento datasets fetch --to</c>).</summary>
    public static string Folder => Path.Combine(TestPaths.RepoRoot, "datasets");

    /// <summary>The repository's registry (the one the build copies beside the CLI).</summary>
    public static DatasetRegistry Registry { get; } = DatasetRegistry.Load(Path.Combine(TestPaths.RepoRoot, "datasets", "registry.yaml"));

    public static string DeepResearcherTest => File("deepresearcher-test");
    public static string DeepResearcherDev => File("deepresearcher-dev");
    public static string MementoJsonl => File("memento-deepresearcher");
    public static string CaseBank => File("memento-memory");
    public static string TrainingPairs => File("memento-training-data");
    public static string DummyMemo => File("memento-dummy-memo");

    /// <summary>The absolute path of registry entry <paramref name="name"/>, fetched and verified once per test run.</summary>
    public static string File(string name)
    {
        var entry = Registry.Find(name);
        var fetch = Fetches.GetOrAdd(entry.Name, _ => new Lazy<Task<string>>(() => FetchAsync(entry)));
        try
        {
            return fetch.Value.GetAwaiter().GetResult();
        }
        catch (MementoException e)
        {
            var mirror = DatasetFetcher.MirrorFromEnvironment();
            Assert.Fail($"{Path.Combine(Folder, entry.RelativePath)} is missing and could not be fetched " +
                        $"({(mirror is null ? "from upstream" : DatasetFetcher.MirrorVariable + "=" + mirror)}: {e.Message}); " +
                        $"run `scripts/memento datasets fetch --all` (with {DatasetFetcher.MirrorVariable}=DIR to copy from a local folder of the files)");
            throw;
        }
    }

    private static async Task<string> FetchAsync(DatasetEntry entry)
    {
        using var http = DatasetFetcher.CreateHttpClient(TimeSpan.FromMinutes(2));
        var result = await DatasetFetcher.FetchAsync(entry, Folder, http, DatasetFetcher.MirrorFromEnvironment());
        if (!result.AlreadyPresent) TestContext.Progress.WriteLine($"fetched {entry.Name} ({result.Bytes:N0} bytes, sha256 verified) to {result.Path}");
        return result.Path;
    }
}
