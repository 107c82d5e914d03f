using System.Text.Json;

namespace Memento.Tools.Web;

/// <summary>Brave Search API: <c>GET /res/v1/web/search?q=...&amp;count=N</c> with the key in
/// <c>X-Subscription-Token</c>, answering <c>web.results[].title/url/description</c>.</summary>
internal sealed class BraveBackend(Uri baseUrl, string key) : SearchBackend
{
    public static readonly Uri DefaultUrl = new("https://api.search.brave.com/");

    public override string Name => "brave";

    public override HttpRequestMessage Request(string query, int count)
    {
        var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(baseUrl, $"res/v1/web/search?q={Uri.EscapeDataString(query)}&count={Math.Min(count, 20)}"));
        request.Headers.Add("Accept", "application/json");
        request.Headers.Add("X-Subscription-Token", key);
        return request;
    }

    public override IEnumerable<SearchHit> Parse(JsonElement answer) => Hits(answer, ["web", "results"], "title", "url", "description");
}
