using Memento.Llm.Loopback;
using Memento.Core.Agents;
using Memento.Core.Judging;
using Memento.Core.Tasks;
using Memento.Llm;
using NUnit.Framework;
using Memento.Core.Plugins;

namespace Memento.Tests.Llm;

public class LlmJudgeTests
{
    private static readonly QaTask Task = new("t1", "Who wrote Hamlet?", ["William Shakespeare", "Shakespeare"], "nq");

    private static LlmJudge Judge(LoopbackOpenAiServer server, LlmRuntime runtime, int maxRetries = 2) =>
        new(new DeepResearcherJudge(), ChatPipeline.Build(new LlmEndpoint(server.BaseUrl, "judge", "MEMENTO_TEST_KEY", TimeSpan.FromSeconds(30)), runtime), maxRetries);

    [Test]
    public async Task An_exact_match_is_correct_without_a_call()
    {
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply);
        using var runtime = LlmWorld.Runtime();
        var j = await Judge(server, runtime).JudgeAsync(Task, "shakespeare", CancellationToken.None);
        Assert.That(j, Is.EqualTo(new Judgement(true, 1.0, true, Rationale: LlmJudge.ExactMatchRationale, Usage: LlmUsage.Zero)), "no call, no tokens, no cost");
        Assert.That(server.Requests, Is.Zero);
    }

    [Test]
    public async Task A_semantic_match_is_ruled_by_the_llm_with_the_memento_criterion()
    {
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply);
        using var runtime = LlmWorld.Runtime();
        var j = await Judge(server, runtime).JudgeAsync(Task, "It was William Shakespeare", CancellationToken.None);
        Assert.That(j.ExactMatch, Is.False);
        Assert.That(j.PartialMatch, Is.True);
        Assert.That(j.JudgeError, Is.Null);
        var prompt = server.Received.Single().LastContent;
        Assert.That(prompt, Does.Contain("ground truth answers: [\"William Shakespeare\",\"Shakespeare\"]"));
        Assert.That(prompt, Does.Contain("pred_answer: It was William Shakespeare"));
        Assert.That(prompt, Does.Contain("semantically same to at least one of them"));

        var wrong = await Judge(server, runtime).JudgeAsync(Task, "Marlowe", CancellationToken.None);
        Assert.That(wrong.PartialMatch, Is.False);
        Assert.That(RewardRule.Reward("pm", j), Is.EqualTo(1));
        Assert.That(RewardRule.Reward("pm", wrong), Is.EqualTo(0));
    }

    [Test]
    public async Task An_unparseable_reply_is_retried_then_recorded_as_a_judge_error_not_as_wrong()
    {
        using var server = new LoopbackOpenAiServer(_ => LoopbackReply.Text("I think it is right."));
        using var runtime = LlmWorld.Runtime();
        var j = await Judge(server, runtime, maxRetries: 2).JudgeAsync(Task, "Marlowe", CancellationToken.None);
        Assert.That(server.Requests, Is.EqualTo(3), "one try + 2 retries, each a fresh request (own cache tag)");
        Assert.That(j.PartialMatch, Is.Null);
        Assert.That(j.JudgeError, Is.EqualTo("unparseable judge reply after 3 tries: I think it is right."));
    }

    [Test]
    public async Task A_retry_can_recover_a_verdict()
    {
        var calls = 0;
        using var server = new LoopbackOpenAiServer(_ => Interlocked.Increment(ref calls) == 1
            ? LoopbackReply.Text("{\"judgement\": \"maybe\"}")
            : LoopbackReply.Text("```json\n{\"rationale\": \"same person\", \"judgement\": \"Correct\"}\n```"));
        using var runtime = LlmWorld.Runtime();
        var j = await Judge(server, runtime).JudgeAsync(Task, "The Bard of Avon", CancellationToken.None);
        Assert.That(j.PartialMatch, Is.True);
        Assert.That(j.Rationale, Is.EqualTo("same person"));
        Assert.That(j.Usage, Is.EqualTo(new LlmUsage(22, 14, null)), "both tries' tokens count; no price configured");
        Assert.That(server.Requests, Is.EqualTo(2));
    }
}
