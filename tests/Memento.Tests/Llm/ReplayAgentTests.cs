using Memento.Core;
using Memento.Core.Agents;
using Memento.Core.Replay;
using Memento.Core.Tasks;
using NUnit.Framework;

namespace Memento.Tests.Llm;

public class ReplayAgentTests
{
    private string _path = "";

    [SetUp]
    public void SetUp() => _path = Path.GetTempFileName();

    [TearDown]
    public void TearDown() => File.Delete(_path);

    private static AgentRequest Request(string id, string question, int iteration = 1, int attempt = 1) =>
        new(new QaTask(id, question, ["gold"], "nq"), [], attempt, new Random(1), iteration);

    [Test]
    public async Task Replays_our_trajectories_by_episode_identity()
    {
        File.WriteAllLines(_path,
        [
            """{"episode":1,"iteration":1,"attempt":1,"task_id":"t1","answer":"Paris","plan":"{\"plan\":[]}","prompt_tokens":120,"completion_tokens":30,"em":1,"f1":1,"pm":"","reward":1}""",
            """{"episode":2,"iteration":2,"attempt":1,"task_id":"t1","answer":"Lyon","plan":"p2","prompt_tokens":5,"completion_tokens":2,"em":0,"f1":0,"pm":"","reward":0}""",
        ]);
        var agent = new ReplayAgent(ReplayFile.Read(_path));

        Assert.That(await agent.ActAsync(Request("t1", "q", iteration: 1), CancellationToken.None), Is.EqualTo(new AgentResult("Paris", "{\"plan\":[]}", new LlmUsage(120, 30, null))));
        Assert.That((await agent.ActAsync(Request("t1", "q", iteration: 2), CancellationToken.None)).Answer, Is.EqualTo("Lyon"));
        Assert.That((await agent.ActAsync(Request("t1", "q", iteration: 7), CancellationToken.None)).Answer, Is.EqualTo("Paris"), "another iteration falls back to the task's first answer");
    }

    [Test]
    public async Task Replays_memento_result_lines_by_question()
    {
        File.WriteAllLines(_path,
        [
            """{"task_id":0,"query":"Who wrote Hamlet?","model_output":"Shakespeare","plan":"{\"plan\":[{\"id\":1,\"description\":\"search\"}]}","ground_truth":["William Shakespeare"],"pred_answer":"Shakespeare","judgement":"correct","reward":1}""",
            """{"question":"Capital of  France?","answer":"Paris"}""",
        ]);
        var agent = new ReplayAgent(ReplayFile.Read(_path));

        var hamlet = await agent.ActAsync(Request("x", "Who wrote Hamlet?"), CancellationToken.None);
        Assert.That(hamlet, Is.EqualTo(new AgentResult("Shakespeare", "{\"plan\":[{\"id\":1,\"description\":\"search\"}]}")));
        Assert.That((await agent.ActAsync(Request("y", "Capital of France?"), CancellationToken.None)).Answer, Is.EqualTo("Paris"));
        var missing = Assert.ThrowsAsync<MementoException>(() => agent.ActAsync(Request("z", "Unknown?"), CancellationToken.None))!;
        Assert.That(missing.Message, Does.Contain("no recorded answer for task z"));
    }

    [Test]
    public void A_line_without_an_answer_names_the_line()
    {
        File.WriteAllLines(_path, ["""{"question":"q"}"""]);
        var error = Assert.Throws<MementoException>(() => ReplayFile.Read(_path))!;
        Assert.That(error.Message, Does.Contain(":1: no answer field"));
    }
}
