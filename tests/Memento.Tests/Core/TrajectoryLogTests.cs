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

    [Test]
    public void Tool_call_fields_are_read_back_and_lines_written_before_them_still_parse()
    {
        var call = """{"name":"run_python","arguments":{"code":"1/0"},"result":"exit code: 1"}""";
        string Line(string toolCall) =>
            $$"""{"episode":1,"iteration":1,"attempt":1,"task_id":"t","agent":{"answer":"a","plan":"p","cycles":[{"cycle":1,"subtasks":[{"id":"1","description":"d","result":"r","tool_calls":[{{toolCall}}]}]}]},"judgement":{"exact_match":false,"f1":0},"reward":0}""";

        var old = TrajectoryLine.Parse(Line(call)).Agent.Cycles![0].Subtasks![0].ToolCalls[0];
        Assert.That(old.Fields, Is.Null);
        Assert.That(TrajectoryLine.Parse(Line(call)).Serialize(), Does.Not.Contain("\"fields\""), "an old line is written back as it was");

        var withFields = Line(call[..^1] + ""","fields":{"exit_code":"1","timed_out":"false"}}""");
        var read = TrajectoryLine.Parse(withFields);
        Assert.That(read.Agent.Cycles![0].Subtasks![0].ToolCalls[0].Fields, Is.EqualTo(new Dictionary<string, string> { ["exit_code"] = "1", ["timed_out"] = "false" }));
        Assert.That(read.Serialize(), Is.EqualTo(withFields));
    }
}
