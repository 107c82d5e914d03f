using System.Net.Http.Headers;
using System.Text.Json;

namespace Memento.Tools.Web;

/// <summary>Tavily: <c>POST /search</c> with <c>{"query", "max_results"}</c> and the key as a bearer token, answering
/// <c>results[].title/url/content</c>.</summary>
internal sealed class TavilyBackend(Uri baseUrl, string key) : SearchBackend
{
    public static readonly Uri DefaultUrl = new("https://api.tavily.com/");

    public override string Name => "tavily";

    public override HttpRequestMessage Request(string query, int count)
    {
        var request = PostJson(new Uri(baseUrl, "search"), new Dictionary<string, object> { ["query"] = query, ["max_results"] = count });
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    public override IEnumerable<SearchHit> Parse(JsonElement answer) => Hits(answer, ["results"], "title", "url", "content");
}
