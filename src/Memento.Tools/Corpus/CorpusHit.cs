namespace Memento.Tools.Corpus;

/// <summary>One document found in a local corpus, with its BM25 score.</summary>
internal sealed record CorpusHit(string Id, string Title, string Text, float Score);
