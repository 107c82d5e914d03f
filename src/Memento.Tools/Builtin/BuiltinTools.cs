using Memento.Core;
using Memento.Core.Config;

namespace Memento.Tools.Builtin;

/// <summary>The registry of built-in tools: adding one is a kind file plus a line here.</summary>
public static class BuiltinTools
{
    public static readonly IReadOnlyList<BuiltinToolKind> Kinds = [WebSearchKind.Kind, FetchPageKind.Kind, SearchCorpusKind.Kind];

    public static IReadOnlyList<string> Names => Kinds.Select(k => k.Name).ToList();

    /// <summary>The tools named in <c>tools.builtin</c>, each bound from its mapping under <c>tools.&lt;name&gt;</c> (absent:
    /// all defaults). Errors name the key; settings of a tool not listed are refused, since they would silently do nothing.</summary>
    public static ToolSet Create(IReadOnlyList<string> names, IReadOnlyDictionary<string, Dictionary<string, object?>> settings)
    {
        foreach (var configured in settings.Keys)
            if (!names.Contains(configured))
                throw MementoException.BadValue("tools." + configured, "{settings}", $"settings of a tool listed in tools.builtin (listed: {string.Join(", ", names)})");
        var made = new List<(BuiltinToolKind, Func<ToolScope?, ITool>)>();
        try
        {
            for (var i = 0; i < names.Count; i++)
            {
                var kind = Kinds.FirstOrDefault(k => k.Name == names[i])
                    ?? throw MementoException.BadValue($"tools.builtin[{i}]", names[i], "one of " + string.Join(" | ", Names));
                if (names.Take(i).Contains(names[i])) throw MementoException.BadValue($"tools.builtin[{i}]", names[i], "each tool listed once");
                made.Add((kind, kind.Bind(new ConfigNode("tools." + kind.Name, settings.GetValueOrDefault(kind.Name) ?? new()))));
            }
        }
        catch
        {
            new ToolSet(made).Dispose();
            throw;
        }
        return new ToolSet(made);
    }
}
