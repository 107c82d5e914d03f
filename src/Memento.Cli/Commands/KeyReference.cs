using System.Text;
using Memento.Core.Config;
using Memento.Core.Plugins;

namespace Memento.Cli.Commands;

/// <summary>The Markdown key reference of <c>memento config --keys</c>: the registered kinds of each category, then
/// every key the binder reads, in the order a resolved config lists them.</summary>
internal static class KeyReference
{
    public static string Markdown(PluginCatalog catalog)
    {
        var text = new StringBuilder();
        text.AppendLine("| selected by | kind | what it is |").AppendLine("|---|---|---|");
        Kinds(text, catalog.Datasets);
        Kinds(text, catalog.Agents);
        Kinds(text, catalog.Policies);
        Kinds(text, catalog.Encoders);
        Kinds(text, catalog.Judges);
        Kinds(text, catalog.Tools);
        text.AppendLine();
        text.AppendLine("| key | default | accepted | read by | doc |").AppendLine("|---|---|---|---|---|");
        foreach (var key in ConfigLoader.Keys(catalog))
            text.AppendLine($"| `{key.Path}` | {Code(key.Default)} | {Escape(key.Expected)} | {key.Kind ?? "all"} | {Escape(key.Doc)} |");
        return text.ToString();
    }

    private static void Kinds<T>(StringBuilder text, KindList<T> kinds) where T : IPluginKind
    {
        foreach (var kind in kinds.All) text.AppendLine($"| `{kinds.Key}` | `{kind.Name}` | {Escape(kind.Doc)} |");
    }

    private static string Code(string value) => value.Length == 0 ? "" : $"`{value}`";

    private static string Escape(string text) => text.Replace("|", "\\|");
}
