namespace Memento.Tools.Sandbox;

/// <summary>Runs one program with its arguments inside an episode's workspace, under the sandbox's limits.</summary>
internal interface ISandbox
{
    /// <summary>Says in a few words what isolates the code (recorded with every call).</summary>
    string Isolation { get; }

    /// <summary>Runs <paramref name="program"/> (looked up on the sandbox's PATH) with <paramref name="arguments"/>.</summary>
    Task<SandboxRun> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
