using Memento.Core;
using Memento.Tools.Corpus;
using NUnit.Framework;

namespace Memento.Tools.Tests.Corpus;

/// <summary>A small corpus indexed with Lucene and searched with BM25; bad corpus lines stop the build naming the line.</summary>
public class CorpusTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("memento-corpus-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    public static string WriteCorpus(string dir)
    {
        var path = Path.Combine(dir, "corpus.jsonl");
        File.WriteAllLines(path,
        [
            """{"id":"paris","title":"Paris","text":"Paris is the capital and most populous city of France."}""",
            """{"id":"berlin","title":"Berlin","text":"Berlin is the capital of Germany and its largest city."}""",
            """{"id":"curie","title":"Marie Curie","text":"Marie Curie was a physicist and chemist who won two Nobel Prizes."}""",
            "",
            """{"id":"danube","title":"Danube","text":"The Danube flows through Vienna, Budapest and Belgrade into the Black Sea."}""",
            """{"id":"nile","title":"Nile","text":"The Nile is a major river in Africa, flowing north into the Mediterranean."}""",
        ]);
        return path;
    }

    [Test]
    public async Task A_built_index_answers_keyword_queries_best_first()
    {
        var index = Path.Combine(_dir, "index");
        var reports = new List<CorpusProgress>();
        var built = CorpusIndexer.Build(WriteCorpus(_dir), index, reports.Add, reportEvery: 2);
        Assert.That(built.Documents, Is.EqualTo(5));
        Assert.That(reports.Select(r => r.Documents), Is.EqualTo(new long[] { 2, 4, 5 }));

        using var tool = new SearchCorpusTool(new CorpusSearcher(index));
        var output = await tool.Call(new { query = "Which city is the capital of France?", k = 2 });
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(output.Text, Does.StartWith("[1] Paris (id paris)\nParis is the capital and most populous city of France."));
        Assert.That(output.Fields["ids"], Is.EqualTo("paris berlin"));
        var rivers = await tool.Call(new { query = "rivers flowing into a sea", k = 5 });
        Assert.That(rivers.Fields["ids"].Split(' ').Take(2), Is.EquivalentTo(new[] { "danube", "nile" }), "stemming: rivers → river, flowing → flow");
        Assert.That((await tool.Call(new { query = "AND OR (\"", k = 3 })).IsError, Is.False, "query syntax is escaped");
        Assert.That((await tool.Call(new { query = "xylophone", k = 3 })).Text, Is.EqualTo("No documents match \"xylophone\"."));
        Assert.That((await tool.Call(new { query = "paris", k = 0 })).Text, Is.EqualTo("search_corpus: k must be between 1 and 20, not 0"));
    }

    [TestCase("""{"id":"a","title":"A","text":"x"}""" + "\n{broken", "corpus.jsonl:2: invalid JSON")]
    [TestCase("""{"id":"a","title":"A"}""", "corpus.jsonl:1: missing string field 'text'")]
    [TestCase("""{"id":7,"title":"A","text":"x"}""", "corpus.jsonl:1: missing string field 'id'")]
    [TestCase("[1,2]", "corpus.jsonl:1: expected a JSON object")]
    [TestCase("", "no documents")]
    public void A_bad_corpus_line_is_named_and_no_half_index_is_left(string content, string error)
    {
        var corpus = Path.Combine(_dir, "corpus.jsonl");
        File.WriteAllText(corpus, content);
        var index = Path.Combine(_dir, "index");
        var e = Assert.Throws<MementoException>(() => CorpusIndexer.Build(corpus, index));
        Assert.That(e!.Message, Does.Contain(error));
        Assert.That(Directory.Exists(index), Is.False);
    }

    [Test]
    public void A_folder_that_is_no_index_is_a_clear_error()
    {
        var e = Assert.Throws<MementoException>(() => new CorpusSearcher(_dir));
        Assert.That(e!.Message, Does.StartWith($"{_dir}: not a corpus index"));
        Assert.That(Assert.Throws<MementoException>(() => new CorpusSearcher(Path.Combine(_dir, "none")))!.Message, Does.StartWith("corpus index folder not found"));
    }
}
