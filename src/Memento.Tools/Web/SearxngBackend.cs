using System.Text.Json;

namespace Memento.Tools.Web;

/// <summary>SearxNG's JSON API (self-hosted metasearch, the paper's choice): <c>GET /search?q=...&amp;format=json</c>
/// answering <c>results[].title/url/content</c>. The instance must enable the json format in its settings.</summary>
internal sealed class SearxngBackend(Uri baseUrl) : SearchBackend
{
    public override string Name => "searxng";

    public override HttpRequestMessage Request(string query, int count) =>
        new(HttpMethod.Get, new Uri(baseUrl, "search?q=" + Uri.EscapeDataString(query) + "&format=json"));

    public override IEnumerable<SearchHit> Parse(JsonElement answer) => Hits(answer, ["results"], "title", "url", "content");
}
