using System.ComponentModel;

namespace Memento.Tools.Corpus;

/// <summary>Arguments of <c>search_corpus</c>.</summary>
internal sealed record SearchCorpusArgs(
    [property: Description("What to search the local document collection for (free text)")] string Query,
    [property: Description("How many documents to return (1-20)")] int K = 5);
