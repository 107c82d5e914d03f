using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Memento.Tools.Corpus;

/// <summary>What the corpus indexer and the searcher must agree on: the Lucene version, the analyzer (English: stop
/// words, possessives, Porter stemming), the similarity (BM25, k1 = 1.2, b = 0.75) and the field names.</summary>
internal static class CorpusIndex
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;
    public const string Id = "id";
    public const string Title = "title";
    public const string Text = "text";

    public static Analyzer Analyzer() => new EnglishAnalyzer(Version);

    public static Similarity Similarity() => new BM25Similarity();
}
