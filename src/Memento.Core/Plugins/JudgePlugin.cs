using Memento.Core.Judging;

namespace Memento.Core.Plugins;

/// <summary>A registered judge kind. <see cref="UsesLlm"/>: its verdict comes from an LLM (PM or a grade), so it
/// needs an LLM runtime and is the only kind that can give <c>reward: pm</c>, which is then its default reward.</summary>
public sealed record JudgePlugin(string Name, string Doc, Func<PluginContext, IJudge> Create, bool UsesLlm = false)
    : Plugin<IJudge>(Name, Doc, Create);
