using System.Globalization;
using System.Text;
using Lucene.Net.QueryParsers.Classic;
using Memento.Llm;

namespace Memento.Tools.Corpus;

/// <summary><c>search_corpus</c>: BM25 over a local corpus index (<see cref="CorpusSearcher"/>), no network. Each hit
/// shows its title, id and text cut to <paramref name="passageTokens"/> tokens.</summary>
internal sealed class SearchCorpusTool(CorpusSearcher searcher, int passageTokens = 300) : Tool<SearchCorpusArgs>, IDisposable
{
    public const int MaxK = 20;

    public override string Name => "search_corpus";

    public override string Description =>
        "Searches a local document collection (e.g. Wikipedia) by keywords (BM25) and returns the best documents with their text.";

    protected override Task<ToolOutput> RunAsync(SearchCorpusArgs arguments, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(arguments.Query)) return Task.FromResult(ToolOutput.Error("search_corpus: query is empty"));
        if (arguments.K is < 1 or > MaxK)
            return Task.FromResult(ToolOutput.Error($"search_corpus: k must be between 1 and {MaxK}, not {arguments.K}"));
        IReadOnlyList<CorpusHit> hits;
        try
        {
            hits = searcher.Search(arguments.Query, arguments.K);
        }
        catch (ParseException e)
        {
            return Task.FromResult(ToolOutput.Error($"search_corpus: the query could not be read: {e.Message}"));
        }
        var text = new StringBuilder();
        for (var i = 0; i < hits.Count; i++)
            text.Append(CultureInfo.InvariantCulture, $"[{i + 1}] {hits[i].Title} (id {hits[i].Id})\n{TokenCounter.Trim(hits[i].Text, passageTokens)}\n\n");
        var fields = new Dictionary<string, string>
        {
            ["results"] = hits.Count.ToString(CultureInfo.InvariantCulture),
            ["ids"] = string.Join(" ", hits.Select(h => h.Id)),
        };
        return Task.FromResult(new ToolOutput(hits.Count == 0 ? $"No documents match \"{arguments.Query}\"." : text.ToString().TrimEnd(), fields));
    }

    public void Dispose() => searcher.Dispose();
}
