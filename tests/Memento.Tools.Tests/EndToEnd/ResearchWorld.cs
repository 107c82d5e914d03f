using System.Text.RegularExpressions;
using Memento.Llm.Loopback;

namespace Memento.Tools.Tests.EndToEnd;

/// <summary>
/// A scripted LLM for tasks "Question number i?" (gold "answer i") that must use tools to answer: the planner plans one
/// research step; the executor calls <c>first</c> with the task number, then <c>second</c> on what <c>first</c> returned
/// (<c>follow</c> picks the argument), then reports the <c>FACT=...;</c> it read; the planner answers with it.
/// </summary>
public sealed partial class ResearchWorld(string first, Func<int, string> firstArguments, string second, Func<string, string?> follow)
{
    public LoopbackReply Reply(LoopbackRequest r)
    {
        if (r.Model == "planner")
        {
            var fact = Fact().Match(r.AllContent);
            return LoopbackReply.Text(fact.Success
                ? "FINAL ANSWER: " + fact.Groups[1].Value
                : $$"""{"plan":[{"id":1,"description":"Research question {{Task(r)}} with the tools"}]}""");
        }
        var tools = r.Messages.Count(m => m?["role"]?.ToString() == "tool");
        if (tools == 0) return LoopbackReply.Call(first, firstArguments(int.Parse(Regex.Match(r.LastContent, @"Research question (\d+)").Groups[1].Value)));
        if (tools == 1 && follow(r.LastContent) is { } next) return LoopbackReply.Call(second, next);
        var read = Fact().Match(r.LastContent);
        return LoopbackReply.Text(read.Success ? $"Read: FACT={read.Groups[1].Value};" : "Nothing found: " + r.LastContent);
    }

    private static string Task(LoopbackRequest r) => Regex.Match(r.Messages[1]!["content"]!.ToString(), @"Question number (\d+)").Groups[1].Value;

    [GeneratedRegex(@"FACT=([^;]+);")]
    private static partial Regex Fact();
}
