using System.CommandLine;
using Memento.Tools.Corpus;

namespace Memento.Cli.Commands;

/// <summary><c>memento corpus index CORPUS.jsonl --out DIR</c>: the Lucene index <c>search_corpus</c> reads.</summary>
internal static class CorpusCommands
{
    public static Command Build() => new("corpus", "Local document collections for search_corpus")
    {
        Index(),
    };

    private static Command Index()
    {
        var corpus = new Argument<string>("corpus") { Description = "JSON Lines of {\"id\", \"title\", \"text\"}" };
        var output = new Option<string>("--out") { Description = "Index folder to write (replaced when it exists)", Required = true };
        var command = new Command("index", "Build a BM25 (Lucene) index of a JSONL corpus, showing progress and rate") { corpus, output };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var done = CorpusIndexer.Build(parse.GetValue(corpus)!, parse.GetValue(output)!, p =>
                Console.Error.WriteLine($"indexed {p.Documents:N0} documents, {p.Bytes / 1e6:N1} MB in {p.Elapsed.TotalSeconds:N1} s " +
                                        $"({p.DocumentsPerSecond:N0} docs/s, {p.MegabytesPerSecond:N1} MB/s)"), reportEvery: 50_000);
            Console.WriteLine($"{parse.GetValue(output)}: {done.Documents:N0} documents in {done.Elapsed.TotalSeconds:N1} s ({done.DocumentsPerSecond:N0} docs/s, {done.MegabytesPerSecond:N1} MB/s)");
            return Task.FromResult(0);
        }));
        return command;
    }
}
