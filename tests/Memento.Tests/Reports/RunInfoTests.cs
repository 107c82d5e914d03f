using Memento.Core.Results;
using Memento.Reports;
using NUnit.Framework;

namespace Memento.Tests.Reports;

public class RunInfoTests
{
    private static string Folder(string? configYaml)
    {
        var dir = Path.Combine(TestPaths.TempDir(), "run-a");
        Directory.CreateDirectory(dir);
        if (configYaml is not null) File.WriteAllText(new RunFolder(dir).Config, configYaml);
        return dir;
    }

    [Test]
    public void Reads_the_facts_the_reports_need_and_ignores_every_other_key()
    {
        var info = RunInfo.Read(Folder("""
            name: exp
            seed: 3
            some_future_key: {x: 1}
            memory: {policy: qnet, k: 8, frozen: true, seed_bank: bank.jsonl, qnet: {lr: 0.1}}
            schedule: {attempts: 3, iterations: 2}
            grid: {memory.policy: [none, qnet]}
            """));
        Assert.That(info, Is.EqualTo(new RunInfo("exp", "qnet", 8, "3", true, "bank.jsonl", 3)));
        Assert.That(info.PolicyAndK, Is.EqualTo("policy qnet, k = 8"));
    }

    [Test]
    public void A_folder_without_a_readable_config_is_named_after_itself_with_the_facts_unknown()
    {
        var expected = new RunInfo("run-a", null, null, null, false, null, 1);
        Assert.That(RunInfo.Read(Folder(null)), Is.EqualTo(expected));
        Assert.That(RunInfo.Read(Folder("memory: {k: many}\n")), Is.EqualTo(expected));
        Assert.That(RunInfo.Read(Folder("memory: {seed_bank: null}\n")).SeedBank, Is.Null);
        Assert.That(expected.PolicyAndK, Is.EqualTo("policy ?, k = ?"));
    }
}
