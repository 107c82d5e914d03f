using Memento.Core.Memory;
using Memento.Core.Tasks;

namespace Memento.Core.Agents;

/// <summary>One episode's input: the task, the retrieved cases, which attempt (Pass@k) of which iteration this is,
/// and a private RNG.</summary>
public sealed record AgentRequest(QaTask Task, IReadOnlyList<Case> Cases, int Attempt, Random Rng, int Iteration = 1);

/// <summary>The agent's final answer and plan (the case's action), with token counts where a real LLM was used.</summary>
public sealed record AgentResult(string Answer, string Plan, int PromptTokens = 0, int CompletionTokens = 0);

/// <summary>The planner (frozen LLM or simulator): acts on a task given retrieved cases.</summary>
public interface IAgent
{
    Task<AgentResult> ActAsync(AgentRequest request, CancellationToken cancellationToken);
}
