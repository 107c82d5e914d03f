using System.Diagnostics;
using System.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Memento.Core;
using Memento.Core.Data;

namespace Memento.Tools.Corpus;

/// <summary>
/// Builds the Lucene index <c>search_corpus</c> reads, from JSON Lines of <c>{"id", "title", "text"}</c> (all strings).
/// A bad line stops the build with an error naming the file and line; the index folder is then removed, so a half
/// index is never left behind. The folder is replaced when it exists.
/// </summary>
public static class CorpusIndexer
{
    public static CorpusProgress Build(string corpusPath, string indexFolder, Action<CorpusProgress>? progress = null, int reportEvery = 10_000)
    {
        var clock = Stopwatch.StartNew();
        long documents = 0, bytes = 0;
        try
        {
            using var directory = FSDirectory.Open(indexFolder);
            using var analyzer = CorpusIndex.Analyzer();
            var config = new IndexWriterConfig(CorpusIndex.Version, analyzer)
            {
                OpenMode = OpenMode.CREATE,
                Similarity = CorpusIndex.Similarity(),
                RAMBufferSizeMB = 256,
            };
            using var writer = new IndexWriter(directory, config);
            foreach (var (line, row) in JsonLines.Read(corpusPath, "corpus file"))
            {
                var id = row.RequiredString(CorpusIndex.Id, corpusPath, line);
                var title = row.RequiredString(CorpusIndex.Title, corpusPath, line);
                var text = row.RequiredString(CorpusIndex.Text, corpusPath, line);
                writer.AddDocument(new Document
                {
                    new StringField(CorpusIndex.Id, id, Field.Store.YES),
                    new TextField(CorpusIndex.Title, title, Field.Store.YES),
                    new TextField(CorpusIndex.Text, text, Field.Store.YES),
                });
                documents++;
                bytes += Encoding.UTF8.GetByteCount(id) + Encoding.UTF8.GetByteCount(title) + Encoding.UTF8.GetByteCount(text);
                if (documents % reportEvery == 0) progress?.Invoke(new CorpusProgress(documents, bytes, clock.Elapsed));
            }
            if (documents == 0) throw new MementoException($"{corpusPath}: no documents (expected JSON lines of {{\"id\", \"title\", \"text\"}})");
            writer.ForceMerge(1);
            writer.Commit();
        }
        catch
        {
            if (System.IO.Directory.Exists(indexFolder)) System.IO.Directory.Delete(indexFolder, recursive: true);
            throw;
        }
        var done = new CorpusProgress(documents, bytes, clock.Elapsed);
        progress?.Invoke(done);
        return done;
    }
}
