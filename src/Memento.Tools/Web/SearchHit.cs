namespace Memento.Tools.Web;

/// <summary>One web search result, whatever backend found it.</summary>
internal sealed record SearchHit(string Title, string Url, string Snippet);
