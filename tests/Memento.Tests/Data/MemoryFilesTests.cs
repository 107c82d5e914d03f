using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Data;

/// <summary><c>datasets inspect</c> reads every file <c>datasets list</c> offers, the memory files included; a file of
/// the wrong kind as <c>memory.seed_bank</c> is one line naming the key.</summary>
public class MemoryFilesTests
{
    [Test]
    public async Task Inspect_summarises_Memento_case_bank()
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync("datasets", "inspect", TestData.CaseBank);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("\"kind\": \"casebank\"").And.Contain("\"cases\": 1278").And.Contain("\"positive\": 897").And.Contain("\"negative\": 381"));
    }

    [Test]
    public async Task Inspect_summarises_retriever_pairs()
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync("datasets", "inspect", TestData.TrainingPairs);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("\"kind\": \"retriever-pairs\"").And.Contain("\"pairs\": 7000").And.Contain("\"distinct_queries\": 874"));
    }

    [Test]
    public async Task Retriever_pairs_as_a_seed_bank_are_refused_naming_the_key()
    {
        var (exit, _, stderr) = await RunWithSeedBank(TestData.TrainingPairs);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(CliRunner.Messages(stderr).Single(), Does.StartWith($"error: {TestData.TrainingPairs}:1: memory.seed_bank: this is a retriever training-pairs file"));
    }

    [Test]
    public async Task A_folder_as_seed_bank_says_it_is_a_folder()
    {
        var folder = TestPaths.TempDir();
        var (exit, _, stderr) = await RunWithSeedBank(folder);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(CliRunner.Messages(stderr).Single(), Is.EqualTo($"error: memory.seed_bank: case bank file: {folder} is a folder; expected a JSON Lines file"));
    }

    private static Task<(int Exit, string Out, string Err)> RunWithSeedBank(string seedBank)
    {
        var dir = TestPaths.TempDir();
        var config = Path.Combine(dir, "c.yaml");
        File.WriteAllText(config, "dataset: {kind: synthetic, synthetic_tasks: 10}\nschedule: {iterations: 1}\n");
        return CliRunner.RunAsync("run", config, "--set", "memory.seed_bank=" + seedBank, "--out", Path.Combine(dir, "out"));
    }
}
