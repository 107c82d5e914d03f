namespace Memento.Core;

/// <summary>A learned policy's training went non-finite: a NaN or infinite loss or gradient. It is raised before the
/// bad step touches the network, so the network in memory (and any <c>qnet.pt</c> written from it) is the last finite
/// one. The CLI reports it as one line with its own exit code, apart from bad input, because the input was valid.</summary>
/// <param name="problem">What went non-finite, e.g. "qnet loss became NaN (optimiser step 37)"; callers up the stack
/// add where it happened with <see cref="At"/>.</param>
/// <param name="remedy">What to change, e.g. "lower memory.qnet.lr".</param>
public sealed class TrainingDivergedException(string problem, string remedy) : MementoException($"{problem}; {remedy}")
{
    public string Problem => problem;

    /// <summary>The same failure placed in its run: "… at episode 812 (iteration 2, task X)".</summary>
    public TrainingDivergedException At(string where) => new($"{problem} at {where}", remedy);

    /// <summary>The same failure with what the caller did about it put before the remedy.</summary>
    public TrainingDivergedException Then(string outcome) => new($"{problem}; {outcome}", remedy);

    /// <summary>"NaN" or "infinite", for a value that is not finite.</summary>
    public static string Describe(double value) => double.IsNaN(value) ? "NaN" : "infinite";
}
