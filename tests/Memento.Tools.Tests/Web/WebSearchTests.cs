using System.Net;
using System.Text.Json.Nodes;
using Memento.Tools.Http;
using Memento.Tools.Text;
using Memento.Tools.Web;
using NUnit.Framework;

namespace Memento.Tools.Tests.Web;

/// <summary>web_search against loopback fakes of each backend's documented JSON, and their failures.</summary>
public class WebSearchTests
{
    private static readonly HttpSettings Quick = new(TimeoutS: 2, MaxRetries: 2, RetryDelayS: 0.01, RequestsPerMinute: 0);

    private static WebSearchTool Tool(SearchBackend backend, HttpSettings? http = null, TextRanker? reranker = null) =>
        new(backend, http ?? Quick, reranker);

    [Test]
    public async Task Searxng_results_are_listed_with_title_url_and_snippet()
    {
        using var web = new LoopbackWeb();
        string? asked = null;
        web.Route("/search", c =>
        {
            asked = c.Request.Url!.Query;
            return LoopbackWeb.Reply(c, 200, "application/json", """
                {"query":"q","results":[
                  {"title":"Paris","url":"https://en.wikipedia.org/wiki/Paris","content":"Paris is the capital of France."},
                  {"title":"No url"},
                  {"title":"Lyon","url":"https://en.wikipedia.org/wiki/Lyon","content":"Lyon is a city."}]}
                """);
        });
        using var tool = Tool(new SearxngBackend(new Uri(web.BaseUrl)));
        var output = await tool.Call(new { query = "capital of france", max_results = 5 });
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(asked, Is.EqualTo("?q=capital%20of%20france&format=json"));
        Assert.That(output.Text, Is.EqualTo("""
            [1] Paris
            URL: https://en.wikipedia.org/wiki/Paris
            Paris is the capital of France.

            [2] Lyon
            URL: https://en.wikipedia.org/wiki/Lyon
            Lyon is a city.
            """.ReplaceLineEndings("\n")));
        Assert.That(output.Fields["backend"], Is.EqualTo("searxng"));
        Assert.That(output.Fields["urls"], Is.EqualTo("https://en.wikipedia.org/wiki/Paris https://en.wikipedia.org/wiki/Lyon"));
    }

    [Test]
    public async Task Brave_gets_its_key_header_and_answers_web_results()
    {
        using var web = new LoopbackWeb();
        web.Route("/res/v1/web/search", c => c.Request.Headers["X-Subscription-Token"] == "brave-key" && c.Request.QueryString["count"] == "2"
            ? LoopbackWeb.Reply(c, 200, "application/json", """{"web":{"results":[{"title":"B1","url":"https://b/1","description":"first"},{"title":"B2","url":"https://b/2","description":"second"}]}}""")
            : LoopbackWeb.Reply(c, 401, "application/json", """{"error":"bad key"}"""));
        using var tool = Tool(new BraveBackend(new Uri(web.BaseUrl), "brave-key"));
        var output = await tool.Call(new { query = "x", max_results = 2 });
        Assert.That(output.Text, Does.Contain("[2] B2\nURL: https://b/2\nsecond"), output.Text);
    }

    [Test]
    public async Task Serper_posts_the_query_with_its_key_and_answers_organic_results()
    {
        using var web = new LoopbackWeb();
        web.Route("/search", async c =>
        {
            var body = JsonNode.Parse(await new StreamReader(c.Request.InputStream).ReadToEndAsync())!;
            var ok = c.Request.HttpMethod == "POST" && c.Request.Headers["X-API-KEY"] == "serper-key" && body["q"]!.ToString() == "who" && (int)body["num"]! == 3;
            await LoopbackWeb.Reply(c, ok ? 200 : 400, "application/json", """{"organic":[{"title":"S1","link":"https://s/1","snippet":"one"}]}""");
        });
        using var tool = Tool(new SerperBackend(new Uri(web.BaseUrl), "serper-key"));
        var output = await tool.Call(new { query = "who", max_results = 3 });
        Assert.That(output.Text, Is.EqualTo("[1] S1\nURL: https://s/1\none"), output.Text);
    }

    [Test]
    public async Task Tavily_posts_the_query_with_a_bearer_key_and_answers_results()
    {
        using var web = new LoopbackWeb();
        web.Route("/search", async c =>
        {
            var body = JsonNode.Parse(await new StreamReader(c.Request.InputStream).ReadToEndAsync())!;
            var ok = c.Request.Headers["Authorization"] == "Bearer tvly-key" && body["query"]!.ToString() == "what" && (int)body["max_results"]! == 1;
            await LoopbackWeb.Reply(c, ok ? 200 : 400, "application/json", """{"results":[{"title":"T1","url":"https://t/1","content":"tee"}]}""");
        });
        using var tool = Tool(new TavilyBackend(new Uri(web.BaseUrl), "tvly-key"));
        var output = await tool.Call(new { query = "what", max_results = 1 });
        Assert.That(output.Text, Is.EqualTo("[1] T1\nURL: https://t/1\ntee"), output.Text);
    }

    [Test]
    public async Task Server_errors_are_retried_and_a_later_success_is_returned()
    {
        using var web = new LoopbackWeb();
        var calls = 0;
        web.Route("/search", c => Interlocked.Increment(ref calls) <= 2
            ? LoopbackWeb.Reply(c, 503, "text/plain", "busy")
            : LoopbackWeb.Reply(c, 200, "application/json", """{"results":[{"title":"ok","url":"https://ok/","content":""}]}"""));
        using var tool = Tool(new SearxngBackend(new Uri(web.BaseUrl)));
        var output = await tool.Call(new { query = "x" });
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(web.Hits("/search"), Is.EqualTo(3));
    }

    [Test]
    public async Task A_rejected_key_fails_at_once_with_the_status()
    {
        using var web = new LoopbackWeb();
        web.Serve("/res/v1/web/search", "application/json", """{"error":"unauthorized"}""", status: 401);
        using var tool = Tool(new BraveBackend(new Uri(web.BaseUrl), "wrong"));
        var output = await tool.Call(new { query = "x" });
        Assert.That(output.IsError, Is.True);
        Assert.That(output.Text, Is.EqualTo("web_search: brave failed: HTTP 401 Unauthorized"));
        Assert.That(web.Hits("/res/v1/web/search"), Is.EqualTo(1), "4xx is not retried");
    }

    [Test]
    public async Task A_slow_backend_times_out_after_the_retries()
    {
        using var web = new LoopbackWeb();
        web.Route("/search", async c =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            await LoopbackWeb.Reply(c, 200, "application/json", """{"results":[]}""");
        });
        using var tool = Tool(new SearxngBackend(new Uri(web.BaseUrl)), Quick with { TimeoutS = 0.2, MaxRetries = 1 });
        var output = await tool.Call(new { query = "x" });
        Assert.That(output.IsError, Is.True);
        Assert.That(output.Text, Is.EqualTo("web_search: searxng failed: no complete answer within 0.2 s (tried 2 times)"));
        Assert.That(web.Hits("/search"), Is.EqualTo(2));
    }

    [Test]
    public async Task Malformed_json_and_bad_arguments_are_error_outputs()
    {
        using var web = new LoopbackWeb();
        web.Serve("/search", "application/json", "{not json");
        using var tool = Tool(new SearxngBackend(new Uri(web.BaseUrl)));
        Assert.That((await tool.Call(new { query = "x" })).Text, Does.StartWith("web_search: searxng failed: "));
        Assert.That((await tool.Call(new { query = "x", max_results = 50 })).Text, Is.EqualTo("web_search: max_results must be between 1 and 20, not 50"));
        Assert.That((await tool.Call(new { query = " " })).IsError, Is.True);
    }

    [Test]
    public async Task Reranking_puts_the_result_most_similar_to_the_query_first()
    {
        using var web = new LoopbackWeb();
        web.Serve("/search", "application/json", """
            {"results":[
              {"title":"Weather today","url":"https://w/","content":"Sunny with clouds."},
              {"title":"Football scores","url":"https://f/","content":"The match ended two to one."},
              {"title":"Marie Curie","url":"https://c/","content":"Marie Curie won the Nobel Prize in physics and chemistry."}]}
            """);
        using var plain = Tool(new SearxngBackend(new Uri(web.BaseUrl)));
        using var reranked = Tool(new SearxngBackend(new Uri(web.BaseUrl)), reranker: TextRanker.TfIdf);
        var query = new { query = "Nobel Prize chemistry Curie", max_results = 2 };
        Assert.That((await plain.Call(query)).Fields["urls"], Is.EqualTo("https://w/ https://f/"));
        Assert.That((await reranked.Call(query)).Fields["urls"], Does.StartWith("https://c/ "));
    }

    private static Task Redirect(System.Net.HttpListenerContext c, string location)
    {
        c.Response.Headers["Location"] = location;
        return LoopbackWeb.Reply(c, 307, "text/plain", "");
    }

    [TestCase("brave", "/res/v1/web/search")]
    [TestCase("serper", "/search")]
    public async Task A_redirect_to_another_origin_is_not_followed_so_the_key_stays_home(string backend, string path)
    {
        using var elsewhere = new LoopbackWeb();
        elsewhere.Route("/collect", c => LoopbackWeb.Reply(c, 200, "application/json", """{"web":{"results":[]},"organic":[]}"""));
        using var web = new LoopbackWeb();
        web.Route(path, c => Redirect(c, elsewhere.BaseUrl + "collect"));
        using var tool = Tool(backend == "brave" ? new BraveBackend(new Uri(web.BaseUrl), "brave-key") : new SerperBackend(new Uri(web.BaseUrl), "serper-key"));
        var output = await tool.Call(new { query = "q", max_results = 2 });
        Assert.That(output.IsError, Is.True, output.Text);
        Assert.That(output.Text, Is.EqualTo($"web_search: {backend} failed: the endpoint redirected to another origin (http://127.0.0.1:{elsewhere.Port}); " +
                                            "not followed, so the API key stays with the configured host"));
        Assert.That(elsewhere.TotalHits, Is.Zero, "nothing, and no key, reached the other host");
    }

    [Test]
    public async Task A_redirect_within_the_origin_is_followed_with_the_key()
    {
        using var web = new LoopbackWeb();
        web.Route("/res/v1/web/search", c => Redirect(c, "/v2/search" + c.Request.Url!.Query));
        web.Route("/v2/search", c => c.Request.Headers["X-Subscription-Token"] == "brave-key"
            ? LoopbackWeb.Reply(c, 200, "application/json", """{"web":{"results":[{"title":"T","url":"https://t.example/","description":"d"}]}}""")
            : LoopbackWeb.Reply(c, 401, "application/json", "{}"));
        using var tool = Tool(new BraveBackend(new Uri(web.BaseUrl), "brave-key"));
        var output = await tool.Call(new { query = "q", max_results = 1 });
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(output.Fields["urls"], Is.EqualTo("https://t.example/"));
    }
}
