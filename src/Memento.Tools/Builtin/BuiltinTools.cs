using Memento.Core.Config;

namespace Memento.Tools.Builtin;

/// <summary>The registry of built-in tools (the CLI's plug-in catalog lists the same kinds): adding one is a kind file
/// plus a line here.</summary>
public static class BuiltinTools
{
    public static readonly IReadOnlyList<BuiltinToolKind> Kinds = [
        WebSearchKind.Kind, FetchPageKind.Kind, SearchCorpusKind.Kind,
        FilesAndCodeKinds.ReadFile, FilesAndCodeKinds.RunPython, FilesAndCodeKinds.RunShell, FilesAndCodeKinds.Calculate,
    ];

    /// <summary>The tools of <c>tools.builtin</c>, in that order, built from their bound settings and the run's
    /// services (none given: TF-IDF ranking, no image or audio model).</summary>
    public static ToolSet Create(ToolsConfig config, ToolServices? services = null)
    {
        var made = new List<(BuiltinToolKind, Func<ToolScope?, ITool>)>();
        try
        {
            foreach (var name in config.BuiltinNames)
            {
                var kind = Kinds.Single(k => k.Name == name);
                made.Add((kind, kind.Create(config.BuiltinSettings!.Find(kind.Settings), services ?? ToolServices.Default)));
            }
            return new ToolSet(made);
        }
        catch
        {
            new ToolSet(made).Dispose();
            throw;
        }
    }
}
