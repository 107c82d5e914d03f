using Memento.Core.Results;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>A full disk (ENOSPC) mid-run or while writing the final files: one line naming the file, exit code 2, and a
/// folder that resumes — once space is back — to the outputs of an uninterrupted run. The disk is made full without root
/// by pointing one output file at <c>/dev/full</c>, whose every write fails with ENOSPC.</summary>
public class FullDiskTests
{
    private const string Config = """
        name: full-disk
        seed: 5
        dataset: {kind: synthetic, synthetic_tasks: 40}
        schedule: {iterations: 2}
        """;

    private const int LoggedBeforeTheFault = 37;
    private static readonly string[] SameFiles = ["config.yaml", "trajectories.jsonl", "casebank.jsonl", "summary.csv", "passk.csv"];

    private string _config = "";
    private string _reference = "";

    [OneTimeSetUp]
    public async Task RunUninterrupted()
    {
        Assume.That(File.Exists("/dev/full"), "needs /dev/full");
        _config = Path.Combine(TestPaths.TempDir(), "config.yaml");
        File.WriteAllText(_config, Config);
        _reference = Path.Combine(TestPaths.TempDir(), "reference");
        var (exit, _, err) = await CliRunner.RunAsync("run", _config, "--out", _reference);
        Assert.That(exit, Is.Zero, err);
    }

    /// <summary>What a run killed after <see cref="LoggedBeforeTheFault"/> episodes leaves: its config and log.</summary>
    private string PartialRun()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "partial");
        Directory.CreateDirectory(dir);
        File.Copy(Path.Combine(_reference, "config.yaml"), Path.Combine(dir, "config.yaml"));
        File.WriteAllLines(Path.Combine(dir, "trajectories.jsonl"),
            File.ReadLines(Path.Combine(_reference, "trajectories.jsonl")).Take(LoggedBeforeTheFault));
        return dir;
    }

    private static int Lines(string path) => File.ReadAllLines(path).Length;

    private void AssertSameAsUninterrupted(string dir)
    {
        foreach (var file in SameFiles)
            Assert.That(File.ReadAllBytes(Path.Combine(dir, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(_reference, file))), file);
        Assert.That(CsvFiles.Read<EpisodeRecord>(Path.Combine(dir, "episodes.csv")).Select(e => e with { ReadMs = 0, ActMs = 0 }),
            Is.EqualTo(CsvFiles.Read<EpisodeRecord>(Path.Combine(_reference, "episodes.csv")).Select(e => e with { ReadMs = 0, ActMs = 0 })));
    }

    private static void AssertOneLineNaming(string err, string file)
    {
        Assert.That(CliRunner.Messages(err), Has.Length.EqualTo(1), err);
        Assert.That(CliRunner.Messages(err)[0], Does.StartWith("error: cannot write results: No space left on device").And.Contain(file));
        Assert.That(err, Does.Not.Contain("   at "));
    }

    [TestCase("episodes.csv", LoggedBeforeTheFault, TestName = "Full disk mid-run: the episode log")]
    [TestCase("casebank.jsonl.tmp", 80, TestName = "Full disk at the end: the first final file")]
    public async Task A_full_disk_stops_with_one_line_and_the_folder_resumes_to_the_uninterrupted_outputs(string fullFile, int loggedAfter)
    {
        var dir = PartialRun();
        var full = Path.Combine(dir, fullFile);
        File.CreateSymbolicLink(full, "/dev/full");

        var (exit, _, err) = await CliRunner.RunAsync("run", _config, "--resume", dir);

        Assert.That(exit, Is.EqualTo(2), err);
        AssertOneLineNaming(err, fullFile);
        Assert.That(Lines(Path.Combine(dir, "trajectories.jsonl")), Is.EqualTo(loggedAfter), "every episode finished before the fault is kept");
        Assert.That(ExperimentRunnerFinished(dir), Is.False);

        File.Delete(full); // space is back
        var (resumed, _, resumeErr) = await CliRunner.RunAsync("run", _config, "--resume", dir);
        Assert.That(resumed, Is.Zero, resumeErr);
        AssertSameAsUninterrupted(dir);
    }

    private static bool ExperimentRunnerFinished(string dir) => File.Exists(Path.Combine(dir, "summary.csv"));
}
