using System.Text;
using Memento.Core.Memory;

namespace Memento.Llm;

/// <summary>The planner, executor and judge prompts of the Memento planner–executor (docs/design.md §2–3), and the memory
/// prompt that shows the retrieved cases as positive (r = 1) and negative (r = 0) examples.</summary>
internal static class Prompts
{
    public const string Planner =
        """
        You are the META-PLANNER in a hierarchical AI system. A user will ask a high-level question.
        First, break the problem into a minimal sequence of executable tasks. Reply ONLY in JSON with the schema:
        { "plan": [ {"id": INT, "description": STRING} ... ] }

        After the tasks are executed by the EXECUTOR you will receive their results.
        Consider carefully the dates of web pages and events the tasks mention when planning and answering.
        If you can give the final answer, output it with the template:
        FINAL ANSWER: <answer>

        YOUR FINAL ANSWER should be a number OR as few words as possible OR a comma separated list of numbers and/or
        strings. If you are asked for a number, don't use commas to write your number, nor units such as $ or percent
        signs unless specified otherwise. If you are asked for a string, don't use articles nor abbreviations (e.g. for
        cities), and write digits in plain text unless specified otherwise. If you are asked for a comma separated
        list, apply the above rules to each element depending on whether it is a number or a string.
        The final answer must strictly follow the question's requirements, without any additional analysis.
        If the answer is not complete yet, emit a new JSON plan for the remaining work. Keep cycles as few as possible.
        Never call tools yourself: that is the EXECUTOR's job. Reply with pure JSON or the FINAL ANSWER line only.
        """;

    public const string Executor =
        """
        You are the EXECUTOR sub-agent. You receive one task at a time from the meta-planner. Complete the task, using
        the available tools through function calling when needed. Think step by step, but reply with the minimal
        content the meta-planner needs. When done, output a concise result. Do NOT output FINAL ANSWER.
        """;

    public const string AnswerNow =
        "The planning budget is used up. Based on everything above, reply now with exactly one line: FINAL ANSWER: <answer>";

    public const string BadPlannerReply =
        "Your reply was neither a JSON plan {\"plan\": [{\"id\": INT, \"description\": STRING}]} nor a line starting with FINAL ANSWER:. Reply again in one of those two forms.";

    /// <summary>The DeepResearcher / Memento PM criterion: semantic match with any ground-truth alternative.</summary>
    public static string Judge(string question, IReadOnlyList<string> gold, string answer) =>
        $$"""
        You will be given a question and its ground truth answer list where each item can be a ground truth answer. Provided a pred_answer, you need to judge if the pred_answer correctly answers the question based on the ground truth answer list.
        You should first give your rationale for the judgement, and then give your judgement result (i.e., correct or incorrect).

        Here is the criteria for the judgement:
        1. The pred_answer doesn't need to be exactly the same as any of the ground truth answers, but should be semantically same for the question.
        2. Each item in the ground truth answer list can be viewed as a ground truth answer for the question, and the pred_answer should be semantically same to at least one of them.

        question: {{question}}
        ground truth answers: {{System.Text.Json.JsonSerializer.Serialize(gold)}}
        pred_answer: {{answer}}

        The output should be in the following json format:

        {
          "rationale": "...",
          "judgement": "correct" | "incorrect"
        }
        """;

    /// <summary>The SimpleQA grading rubric (Wei et al., 2024): a predicted answer is CORRECT when it contains the gold
    /// target's essential information and contradicts nothing, INCORRECT when any statement contradicts the target
    /// (hedged or not), NOT_ATTEMPTED when the essential information is missing and nothing contradicts it. Written in
    /// our own words after the paper's definitions, with the same one-letter reply (A = CORRECT, B = INCORRECT,
    /// C = NOT_ATTEMPTED), so grades follow the published criteria; the reference grader's exact wording and few-shot
    /// examples are not reproduced.</summary>
    public static string SimpleQaGrader(string question, string target, string predictedAnswer) =>
        $$"""
        You grade one answer to a short factual question against its gold target. Assign exactly one grade:

        CORRECT: the predicted answer contains all the essential information of the gold target and nothing in it
        contradicts the target. Capitalisation, punctuation, grammar, word order and small typos in names do not matter.
        Hedging is fine as long as the target is fully given and nothing false is stated. Details that the question
        already implies may be left out (a unit named in the question, an obvious surname or country).
        INCORRECT: any statement in the predicted answer contradicts the gold target, even if it is hedged, or the answer
        lists several candidates of which some are wrong.
        NOT_ATTEMPTED: the essential information of the gold target is missing and nothing contradicts it, e.g. the
        answer declines, asks for more context, or gives only part of what was asked.

        For numeric targets the answer must match to the last significant figure of the target; a vague range such as
        "around" or "more than" that neither confirms nor contradicts the target is NOT_ATTEMPTED.

        Question: {{question}}
        Gold target: {{target}}
        Predicted answer: {{predictedAnswer}}

        Reply with one letter and nothing else:
        A: CORRECT
        B: INCORRECT
        C: NOT_ATTEMPTED
        """;

    /// <summary>Memento's memory prompt: positive examples first, then negative ones, each as question and plan
    /// steps; null when no case was retrieved.</summary>
    public static string? Memory(IReadOnlyList<Case> cases)
    {
        if (cases.Count == 0) return null;
        var text = new StringBuilder();
        Section(text, "Positive Examples (reward=1)", cases.Where(c => c.Reward == 1).ToList());
        Section(text, "Negative Examples (reward=0)", cases.Where(c => c.Reward != 1).ToList());
        text.Append("Based on the above examples, please provide a plan for the current task. ")
            .Append("Focus on the positive examples and avoid the patterns shown in negative examples.\n\nYour plan:");
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IReadOnlyList<Case> cases)
    {
        if (cases.Count == 0) return;
        text.Append($"{title} - Showing {cases.Count} of {cases.Count}:\n");
        for (var i = 0; i < cases.Count; i++)
        {
            var steps = PlanParser.TryParse(cases[i].Plan) is { } plan
                ? string.Join("\n", plan.Select(s => $"{s.Id}. {s.Description}"))
                : cases[i].Plan;
            text.Append($"Example {i + 1}:\nQuestion: {cases[i].Question}\nPlan:\n{steps}\n\n");
        }
    }
}
