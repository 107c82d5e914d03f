namespace Memento.Tools.Sandbox;

/// <summary>Base of run_python and run_shell: one episode's sandbox, and the code handed to it as one argument.</summary>
internal abstract class SandboxTool<TArgs> : Tool<TArgs> where TArgs : class
{
    private readonly SandboxSettings _settings;
    private readonly ISandbox _sandbox;

    protected SandboxTool(ToolScope scope, SandboxSettings settings, SandboxCapabilities? capabilities = null)
    {
        _settings = settings;
        _sandbox = SandboxFactory.Create(scope, settings, capabilities);
    }

    /// <summary>Runs <paramref name="program"/> <paramref name="flag"/> <paramref name="code"/> in the sandbox.</summary>
    protected async Task<ToolOutput> RunCodeAsync(string program, string flag, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code)) return ToolOutput.Error($"{Name}: nothing to run");
        if (code.Length > _settings.MaxCodeChars) return ToolOutput.Error($"{Name}: code is longer than {_settings.MaxCodeChars} characters; write it to a file first");
        if (code.Contains('\0')) return ToolOutput.Error($"{Name}: code contains a NUL character");
        var run = await _sandbox.RunAsync(program, [flag, code], cancellationToken);
        return run.ToToolOutput(_settings, _sandbox.Isolation);
    }
}
