using Memento.Core.Config;

namespace Memento.Tools.Builtin;

/// <summary>The registry of built-in tools (the CLI's plug-in catalog lists the same kinds): adding one is a kind file
/// plus a line here.</summary>
public static class BuiltinTools
{
    public static readonly IReadOnlyList<BuiltinToolKind> Kinds = [WebSearchKind.Kind, FetchPageKind.Kind, SearchCorpusKind.Kind];

    /// <summary>The tools of <c>tools.builtin</c>, in that order, built from their bound settings.</summary>
    public static ToolSet Create(ToolsConfig config)
    {
        var made = new List<(BuiltinToolKind, Func<ToolScope?, ITool>)>();
        try
        {
            foreach (var name in config.BuiltinNames)
            {
                var kind = Kinds.Single(k => k.Name == name);
                made.Add((kind, kind.Create(config.BuiltinSettings!)));
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
