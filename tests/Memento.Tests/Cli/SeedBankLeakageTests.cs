using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>A seed bank holding questions of the evaluated split is test leakage: one warning line with the count, or
/// a refusal with <c>memory.seed_bank_overlap: error</c> (issue 13, item 7).</summary>
public class SeedBankLeakageTests
{
    [Test]
    public async Task Mementos_memory_jsonl_on_the_deepresearcher_test_split_is_refused_in_error_mode()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("run", Path.Combine(TestPaths.RepoRoot, "configs", "quickstart.yaml"),
            "--set", "dataset.kind=deepresearcher", "--set", "dataset.path=" + TestData.MementoJsonl,
            "--set", "memory.seed_bank=" + TestData.CaseBank,
            "--set", "memory.seed_bank_overlap=error", "--out", Path.Combine(TestPaths.TempDir(), "out"));
        Assert.That(exit, Is.EqualTo(2), stderr);
        Assert.That(CliRunner.Messages(stderr).Where(l => !l.StartsWith("note:")), Is.EqualTo(new[]
        {
            "error: memory.seed_bank: 1278 of 1278 seed cases ask a question of the evaluated tasks (test leakage); memory.seed_bank_overlap is error",
        }));
    }

    [TestCase("warn", true)]
    [TestCase("ignore", false)]
    public async Task An_overlapping_seed_bank_warns_once_with_the_count_and_runs(string action, bool warns)
    {
        var dir = TestPaths.TempDir();
        var data = Path.Combine(dir, "tasks.jsonl");
        File.WriteAllLines(data, Enumerable.Range(1, 4).Select(i => $$"""{"id":"t{{i}}","question":"Which river is number {{i}}?","answer":"r{{i}}"}"""));
        var bank = Path.Combine(dir, "bank.jsonl");
        File.WriteAllLines(bank, [
            """{"case": "which river is NUMBER 2", "plan": "look it up", "case_label": "positive"}""",
            """{"case": "An unrelated question?", "plan": "guess", "case_label": "negative"}""",
        ]);
        var (exit, _, stderr) = await CliRunner.RunAsync("run", Path.Combine(TestPaths.RepoRoot, "configs", "quickstart.yaml"),
            "--set", "dataset.kind=jsonl", "--set", "dataset.path=" + data, "--set", "schedule.iterations=1",
            "--set", "memory.seed_bank=" + bank, "--set", "memory.seed_bank_overlap=" + action, "--out", Path.Combine(dir, "out"));
        Assert.That(exit, Is.Zero, stderr);
        var warning = "warning: memory.seed_bank: 1 of 2 seed cases ask a question of the evaluated tasks (test leakage); set memory.seed_bank_overlap=error to refuse such runs, or ignore to silence this";
        Assert.That(CliRunner.Messages(stderr).Count(l => l.StartsWith("warning: memory.seed_bank")), Is.EqualTo(warns ? 1 : 0), stderr);
        if (warns) Assert.That(CliRunner.Messages(stderr), Does.Contain(warning));
    }
}
