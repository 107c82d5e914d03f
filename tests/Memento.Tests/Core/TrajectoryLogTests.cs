using Memento.Core;
using Memento.Core.Agents;
using Memento.Core.Judging;
using Memento.Core.Loop;
using Memento.Core.Results;
using NUnit.Framework;

namespace Memento.Tests.Core;

public class TrajectoryLogTests
{
    private static Episode Episode(int n, string task) =>
        FakeEpisodes.Make(n, task, new AgentResult("a" + n, "p"), new Judgement(false, 0.25, null), n % 2);

    [Test]
    public void A_truncated_last_line_is_dropped_and_cut_off_so_appending_continues_cleanly()
    {
        var path = Path.Combine(TestPaths.TempDir(), "trajectories.jsonl");
        using (var log = new TrajectoryLog(path))
        {
            log.Record(Episode(1, "t1"));
            log.Record(Episode(2, "t2"));
        }
        File.AppendAllText(path, "{\"episode\":3,\"iter");
        var read = TrajectoryLog.ReadAndRepair(path);
        Assert.That(read.Select(e => e.TaskId), Is.EqualTo(new[] { "t1", "t2" }));
        Assert.That(read[1], Is.EqualTo(TrajectoryLine.Of(Episode(2, "t2"))));
        Assert.That(File.ReadAllText(path), Does.EndWith("}\n"));

        using (var log = new TrajectoryLog(path, read))
        {
            log.Record(Episode(1, "t1"));
            log.Record(Episode(2, "t2"));
            log.Record(Episode(3, "t3"));
        }
        Assert.That(TrajectoryLog.ReadAndRepair(path).Select(e => e.TaskId), Is.EqualTo(new[] { "t1", "t2", "t3" }));
    }

    [Test]
    public void A_log_from_another_config_is_refused_naming_the_line()
    {
        var path = Path.Combine(TestPaths.TempDir(), "trajectories.jsonl");
        using (var log = new TrajectoryLog(path)) log.Record(Episode(1, "t1"));
        using var resumed = new TrajectoryLog(path, TrajectoryLog.ReadAndRepair(path));
        var e = Assert.Throws<MementoException>(() => resumed.Record(Episode(1, "other")))!;
        Assert.That(e.Message, Does.StartWith(path + ":1:").And.Contain("another config"));
    }
}
