using System.Net.Http.Json;
using System.Text.Json;

namespace Memento.Tools.Web;

/// <summary>A search engine's documented JSON API: how to ask for results and where they are in the answer.</summary>
internal abstract class SearchBackend
{
    /// <summary>The backend's config name (<c>searxng</c>, <c>brave</c>, ...).</summary>
    public abstract string Name { get; }

    /// <summary>The request for <paramref name="query"/>, asking for <paramref name="count"/> results where the API can.</summary>
    public abstract HttpRequestMessage Request(string query, int count);

    /// <summary>The results in the answer's JSON, in the engine's order.</summary>
    public abstract IEnumerable<SearchHit> Parse(JsonElement answer);

    /// <summary>A POST of <paramref name="body"/> as JSON, for the APIs that take their query that way.</summary>
    protected static HttpRequestMessage PostJson(Uri url, IReadOnlyDictionary<string, object> body) =>
        new(HttpMethod.Post, url) { Content = JsonContent.Create(body) };

    /// <summary>The hits of the array at <paramref name="path"/>, reading each hit's title, url and snippet properties
    /// by the names the API documents; hits without a url are skipped.</summary>
    protected static IEnumerable<SearchHit> Hits(JsonElement answer, string[] path, string title, string url, string snippet)
    {
        var node = answer;
        foreach (var step in path)
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(step, out node)) yield break;
        if (node.ValueKind != JsonValueKind.Array) yield break;
        foreach (var hit in node.EnumerateArray())
        {
            if (Text(hit, url) is not { Length: > 0 } link) continue;
            yield return new SearchHit(Text(hit, title) ?? "", link, Text(hit, snippet) ?? "");
        }
    }

    private static string? Text(JsonElement hit, string name) =>
        hit.ValueKind == JsonValueKind.Object && hit.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
