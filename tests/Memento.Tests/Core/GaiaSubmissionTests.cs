using Memento.Core.Agents;
using Memento.Core.Results;
using NUnit.Framework;

namespace Memento.Tests.Core;

/// <summary>submission.jsonl's <c>reasoning_trace</c>: how the agent reached its answer, cut to a stated length.</summary>
public class GaiaSubmissionTests
{
    private static ToolCallTrace Call(string result) => new("read_file", System.Text.Json.JsonSerializer.SerializeToElement(new { path = "a.csv" }), result);

    [Test]
    public void The_trace_gives_every_cycle_s_plan_with_the_subtask_results_a_reply_that_was_no_plan_and_the_final_answer()
    {
        var result = new AgentResult("47", """{"plan":[{"id":2,"description":"Sum the column"}]}""", Cycles:
        [
            new PlannerCycle(1, Subtasks: [new SubtaskTrace("1", "Open a.csv", "It has an amount column", [Call("item,amount")])]),
            new PlannerCycle(2, UnparsedReply: "let me think"),
            new PlannerCycle(3, Subtasks: [new SubtaskTrace("2", "Sum the column", "FACT=47;", [])]),
            new PlannerCycle(4, FinalAnswer: "47"),
        ]);
        Assert.That(GaiaSubmission.Trace(result), Is.EqualTo(
            "Cycle 1 plan:\n1. Open a.csv\n   result: It has an amount column\n\n" +
            "Cycle 2 reply (no plan): let me think\n\n" +
            "Cycle 3 plan:\n2. Sum the column\n   result: FACT=47;\n\n" +
            "Final answer: 47"));
    }

    [Test]
    public void An_agent_without_cycles_gives_its_plan_and_answer_and_a_long_trace_is_cut_saying_how_much()
    {
        Assert.That(GaiaSubmission.Trace(new AgentResult("blue", "1. look it up")), Is.EqualTo("Plan:\n1. look it up\n\nFinal answer: blue"));

        var trace = GaiaSubmission.Trace(new AgentResult("x", new string('p', 9000)));
        Assert.That(trace, Has.Length.EqualTo(GaiaSubmission.MaxTraceChars + "...[1023 more characters]".Length));
        Assert.That(trace, Does.EndWith("...[1023 more characters]"));
    }
}
