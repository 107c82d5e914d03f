using Memento.Core;
using Memento.Core.Config;
using Memento.Tools.Corpus;

namespace Memento.Tools.Builtin;

/// <summary><c>tools.search_corpus</c>: <c>index</c> (the folder <c>memento corpus index</c> wrote; required) and
/// <c>passage_tokens</c> (how much of each document is shown).</summary>
public static class SearchCorpusKind
{
    public static readonly BuiltinToolKind Kind = new("search_corpus", "BM25 over a local Lucene index (memento corpus index)", false, Bind);

    private static Func<ToolScope?, ITool> Bind(ConfigNode s)
    {
        var index = s.OptionalString("index") ?? throw MementoException.BadValue(s.Path + ".index", "", "the folder written by `memento corpus index`");
        var passageTokens = s.Int("passage_tokens", 300, 16, 100_000);
        s.EnsureAllKeysKnown();
        var tool = new SearchCorpusTool(new CorpusSearcher(index), passageTokens);
        return _ => tool;
    }
}
