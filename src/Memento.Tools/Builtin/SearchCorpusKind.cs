using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Plugins;
using Memento.Tools.Corpus;

namespace Memento.Tools.Builtin;

/// <summary>The <c>search_corpus</c> registration: <c>index</c> (required when listed) and <c>passage_tokens</c>.</summary>
internal static class SearchCorpusKind
{
    public static readonly BuiltinToolKind Kind = new("search_corpus", "BM25 over a local Lucene index (memento corpus index)", false,
        PluginSettings.In("search_corpus", Bind) with { WhenSelected = Check }, Create)
    {
        Probe = """{"query": "memento", "k": 1}""",
    };

    public sealed record Settings(string? Index, int PassageTokens);

    private static Settings Bind(ConfigNode s) => new(
        s.OptionalString("index", "folder written by `memento corpus index CORPUS.jsonl --out DIR` (required)"),
        s.Int("passage_tokens", 300, "tokens of each found document shown to the model", 16, 100_000));

    private static void Check(object bound)
    {
        if (bound is Settings { Index: null })
            throw MementoException.BadValue("tools.search_corpus.index", "", "the folder written by `memento corpus index`");
    }

    private static Func<ToolScope?, ITool> Create(object settings, ToolServices services)
    {
        var s = (Settings)settings;
        var tool = new SearchCorpusTool(new CorpusSearcher(s.Index!), s.PassageTokens);
        return _ => tool;
    }
}
