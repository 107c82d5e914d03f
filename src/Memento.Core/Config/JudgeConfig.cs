using Memento.Core.Plugins;

namespace Memento.Core.Config;

/// <summary>The judge box: its kind, the reward rule, and the bound settings of every judge kind.</summary>
/// <param name="UsesLlm">The kind's verdict comes from an LLM (PM, or the SimpleQA grade): it needs judge settings and
/// an LLM runtime, and it is the only kind that gives <c>reward: pm</c>.</param>
public sealed record JudgeConfig(string Kind, string Reward, bool UsesLlm, KindSettings Settings)
{
    public static readonly string[] Rewards = ["em", "f1>=0.5", "pm"];
}
