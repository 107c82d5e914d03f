using System.Text.Json;

namespace Memento.Tools.Web;

/// <summary>Serper (Google results): <c>POST /search</c> with <c>{"q", "num"}</c> and the key in <c>X-API-KEY</c>,
/// answering <c>organic[].title/link/snippet</c>.</summary>
internal sealed class SerperBackend(Uri baseUrl, string key) : SearchBackend
{
    public static readonly Uri DefaultUrl = new("https://google.serper.dev/");

    public override string Name => "serper";

    public override HttpRequestMessage Request(string query, int count)
    {
        var request = PostJson(new Uri(baseUrl, "search"), new Dictionary<string, object> { ["q"] = query, ["num"] = count });
        request.Headers.Add("X-API-KEY", key);
        return request;
    }

    public override IEnumerable<SearchHit> Parse(JsonElement answer) => Hits(answer, ["organic"], "title", "link", "snippet");
}
