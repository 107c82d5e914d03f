using Memento.Core;

namespace Memento.Tools.Sandbox;

/// <summary>Picks the sandbox backend the settings name, checked against what this machine can do.</summary>
internal static class SandboxFactory
{
    public static ISandbox Create(ToolScope scope, SandboxSettings settings, SandboxCapabilities? capabilities = null)
    {
        var found = capabilities ?? SandboxCapabilities.For(settings.RunAsUid);
        return settings.Backend switch
        {
            "process" => new ProcessSandbox(scope, settings, found),
            "container" => new ContainerSandbox(scope, settings, found),
            _ => throw new MementoException($"sandbox backend '{settings.Backend}' is unknown (expected process or container)"),
        };
    }
}
