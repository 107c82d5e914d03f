using Memento.Llm;

namespace Memento.Cli.Running;

/// <summary>What a run gets from the command that started it: where progress and notes go, the token Ctrl-C cancels,
/// and the command line recorded in its run.json.</summary>
internal sealed record RunContext(IProgressDisplay Progress, Invocation Invocation, TextWriter Log, CancellationToken Cancellation)
{
    /// <summary>In a sweep: the response cache and request gates its points share; null: each run opens its own.</summary>
    public SharedLlmResources? SharedLlm { get; init; }
}
