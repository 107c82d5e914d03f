using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Memento.Core;

namespace Memento.Tools.Corpus;

/// <summary>BM25 search over an index built by <see cref="CorpusIndexer"/>. The query is free text: Lucene query syntax
/// in it is escaped, its words are OR-ed over title and text. Thread-safe, as Lucene's searcher is.</summary>
internal sealed class CorpusSearcher : IDisposable
{
    private readonly FSDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly MultiFieldQueryParser _parser;
    private readonly System.Threading.Lock _parse = new();

    public CorpusSearcher(string indexFolder)
    {
        if (!System.IO.Directory.Exists(indexFolder)) throw MementoException.MissingFile(indexFolder, "corpus index folder");
        _directory = FSDirectory.Open(indexFolder);
        try
        {
            _reader = DirectoryReader.Open(_directory);
        }
        catch (IOException e)
        {
            _directory.Dispose();
            throw new MementoException($"{indexFolder}: not a corpus index (build one with `memento corpus index CORPUS.jsonl --out DIR`): {e.Message}");
        }
        _searcher = new IndexSearcher(_reader) { Similarity = CorpusIndex.Similarity() };
        _parser = new MultiFieldQueryParser(CorpusIndex.Version, [CorpusIndex.Title, CorpusIndex.Text], CorpusIndex.Analyzer());
    }

    public IReadOnlyList<CorpusHit> Search(string query, int k)
    {
        Query parsed;
        // The classic query parser is not thread-safe; parsing is cheap next to searching. Lower case keeps a model's
        // AND/OR/NOT as words, not operators (the analyzer lowercases anyway).
        lock (_parse) parsed = _parser.Parse(QueryParserBase.Escape(query.ToLowerInvariant()));
        var top = _searcher.Search(parsed, k);
        return top.ScoreDocs.Select(hit =>
        {
            var document = _searcher.Doc(hit.Doc);
            return new CorpusHit(document.Get(CorpusIndex.Id), document.Get(CorpusIndex.Title), document.Get(CorpusIndex.Text), hit.Score);
        }).ToList();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
