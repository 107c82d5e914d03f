using System.Text.Json;
using Memento.Core;
using Memento.Core.Config;

namespace Memento.Tools.Builtin;

/// <summary>
/// The pre-flight of the built-in tools whose backend can be down or missing, run beside the endpoint checks
/// (<c>Memento.Llm.Preflight</c>) before any episode and before a results folder exists: each such tool a config lists
/// answers one tiny call (<see cref="BuiltinToolKind.Probe"/>: <c>web_search</c> one result for one word,
/// <c>search_corpus</c> one document), and a failure is one line naming the tool and what came back. A run replaying
/// from a read-only cache is not checked.
/// </summary>
public static class ToolPreflight
{
    public static async Task CheckAsync(IEnumerable<ExperimentConfig> configs, TextWriter log, CancellationToken cancellationToken)
    {
        var checks = configs.Where(Memento.Llm.Preflight.CallsTools)
            .SelectMany(c => c.Tools!.BuiltinNames.Select(name => BuiltinTools.Kinds.Single(k => k.Name == name))
                .Where(k => k.Probe is not null).Select(k => (Kind: k, Settings: c.Tools.BuiltinSettings!.Find(k.Settings))))
            .DistinctBy(x => (x.Kind.Name, JsonSerializer.Serialize(x.Settings)))
            .ToList();
        foreach (var (kind, settings) in checks)
        {
            var tool = Make(kind, settings);
            try
            {
                using var probe = JsonDocument.Parse(kind.Probe!);
                var output = await tool.InvokeAsync(probe.RootElement, cancellationToken);
                var said = output.Text.StartsWith(kind.Name + ": ", StringComparison.Ordinal) ? output.Text[(kind.Name.Length + 2)..] : output.Text;
                if (output.IsError)
                    throw new MementoException($"pre-flight check failed: tools.builtin {kind.Name}: {Secrets.Redact(said)} " +
                                               $"(check tools.{kind.Name}; --skip-preflight skips this check)");
                log.WriteLine($"tool {kind.Name}: answered a test call");
            }
            finally
            {
                (tool as IDisposable)?.Dispose();
            }
        }
    }

    private static ITool Make(BuiltinToolKind kind, object settings)
    {
        try
        {
            return kind.Create(settings, ToolServices.Default)(null);
        }
        catch (MementoException e)
        {
            throw new MementoException($"pre-flight check failed: tools.builtin {kind.Name}: {e.Message} (--skip-preflight skips this check)");
        }
    }
}
