using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Memento.Llm;
using Memento.Tools.Http;
using Memento.Tools.Text;

namespace Memento.Tools.Web;

/// <summary>
/// <c>web_search</c>: asks the configured <see cref="SearchBackend"/> through <see cref="ResilientHttp"/> (timeout,
/// retries, rate limit) and lists title, url and snippet of each result — re-ranked by similarity to the query when a
/// <see cref="TextRanker"/> is given (the backend is then asked for a few more results than wanted). Redirects are
/// followed by hand and only within the configured endpoint's origin (scheme, host, port): a redirect elsewhere is
/// refused rather than followed, so a hosted API's key never travels to another host.
/// </summary>
internal sealed class WebSearchTool(SearchBackend backend, HttpSettings settings, TextRanker? reranker = null) : Tool<WebSearchArgs>, IDisposable
{
    public const int MaxResultsCap = 20;
    private const int MaxRedirects = 5;

    private readonly ResilientHttp http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }, settings);

    public override string Name => "web_search";

    public override string Description =>
        "Searches the web and returns the title, URL and a snippet of each result. Use fetch_page to read a result.";

    protected override async Task<ToolOutput> RunAsync(WebSearchArgs arguments, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(arguments.Query)) return ToolOutput.Error("web_search: query is empty");
        if (arguments.MaxResults is < 1 or > MaxResultsCap)
            return ToolOutput.Error($"web_search: max_results must be between 1 and {MaxResultsCap}, not {arguments.MaxResults}");
        var wanted = arguments.MaxResults;
        var asked = reranker is null ? wanted : Math.Min(MaxResultsCap, wanted * 2);
        var clock = Stopwatch.StartNew();
        List<SearchHit> hits;
        try
        {
            hits = await http.RunAsync(async (client, ct) =>
            {
                using var response = await SendAsync(client, arguments.Query, asked, ct);
                ResilientHttp.EnsureSuccess(response);
                using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
                return backend.Parse(json.RootElement).ToList();
            }, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or JsonException)
        {
            return ToolOutput.Error($"web_search: {backend.Name} failed: {RetryPipeline.ConnectionFailure(e) ?? e.Message}");
        }
        if (reranker is not null && hits.Count > 1)
            hits = reranker.TopK(arguments.Query, hits.Select(h => h.Title + "\n" + h.Snippet).ToList(), hits.Count).Select(i => hits[i]).ToList();
        hits = hits.Take(wanted).ToList();
        var fields = new Dictionary<string, string>
        {
            ["backend"] = backend.Name,
            ["results"] = hits.Count.ToString(CultureInfo.InvariantCulture),
            ["elapsed_ms"] = clock.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture),
            ["urls"] = string.Join(" ", hits.Select(h => h.Url)),
        };
        return new ToolOutput(Format(arguments.Query, hits), fields);
    }

    /// <summary>Sends the backend's request, following redirects that stay on its origin (the request, key included,
    /// is made again for the new URL); a redirect to another origin is an error.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string query, int count, CancellationToken ct)
    {
        Uri? target = null;
        for (var hop = 0; ; hop++)
        {
            using var request = backend.Request(query, count);
            var origin = request.RequestUri!;
            if (target is not null) request.RequestUri = target;
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is not { } location) return response;
            response.Dispose();
            target = new Uri(request.RequestUri!, location);
            if (Uri.Compare(target, origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
                throw new HttpRequestException($"the endpoint redirected to another origin ({target.GetLeftPart(UriPartial.Authority)}); " +
                                               "not followed, so the API key stays with the configured host");
            if (hop >= MaxRedirects) throw new HttpRequestException($"more than {MaxRedirects} redirects");
        }
    }

    private static string Format(string query, IReadOnlyList<SearchHit> hits)
    {
        if (hits.Count == 0) return $"No results for \"{query}\".";
        var text = new StringBuilder();
        for (var i = 0; i < hits.Count; i++)
            text.Append(CultureInfo.InvariantCulture, $"[{i + 1}] {hits[i].Title}\nURL: {hits[i].Url}\n{hits[i].Snippet}\n\n");
        return text.ToString().TrimEnd();
    }

    public void Dispose() => http.Dispose();
}
