using Memento.Core;
using Memento.Core.Config;
using Memento.Llm;
using Memento.Tools.Http;
using Memento.Tools.Text;
using Memento.Tools.Web;

namespace Memento.Tools.Builtin;

/// <summary><c>tools.web_search</c>: <c>backend</c> (searxng | brave | serper | tavily), <c>base_url</c> (required for
/// searxng; the hosted APIs default to their public endpoints), <c>api_key_env</c> (the environment variable holding a
/// hosted API's key), <c>rerank</c> (re-order results by TF-IDF similarity to the query) and the HTTP keys.</summary>
public static class WebSearchKind
{
    public static readonly string[] Backends = ["searxng", "brave", "serper", "tavily"];

    public static readonly BuiltinToolKind Kind = new("web_search", "web search through SearxNG, Brave, Serper or Tavily", false, Bind);

    private static Func<ToolScope?, ITool> Bind(ConfigNode s)
    {
        var backend = s.Choice("backend", "searxng", Backends);
        var baseUrl = s.OptionalString("base_url");
        var keyEnv = s.EnvironmentVariableName("api_key_env", backend.ToUpperInvariant() + "_API_KEY");
        var rerank = s.Bool("rerank", true);
        var http = HttpSettingsBinder.Bind(s, new HttpSettings(TimeoutS: 20, MaxRetries: 2, RetryDelayS: 1, RequestsPerMinute: 60));
        s.EnsureAllKeysKnown();
        var url = baseUrl is null ? null : Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
            ? u
            : throw MementoException.BadValue(s.Path + ".base_url", baseUrl, "an http(s) URL");
        var made = backend switch
        {
            "searxng" => (SearchBackend)new SearxngBackend(url ?? throw MementoException.BadValue(s.Path + ".base_url", "", "the URL of a SearxNG instance with the json format enabled")),
            "brave" => new BraveBackend(url ?? BraveBackend.DefaultUrl, Key(s, keyEnv, backend)),
            "serper" => new SerperBackend(url ?? SerperBackend.DefaultUrl, Key(s, keyEnv, backend)),
            _ => new TavilyBackend(url ?? TavilyBackend.DefaultUrl, Key(s, keyEnv, backend)),
        };
        var tool = new WebSearchTool(made, new ResilientHttp(new SocketsHttpHandler { UseCookies = false }, http), rerank ? TextRanker.TfIdf : null);
        return _ => tool;
    }

    private static string Key(ConfigNode s, string variable, string backend)
    {
        var key = ApiKey.FromEnvironment(variable);
        return key.IsMissing
            ? throw new MementoException($"config: {s.Path}.backend '{backend}' reads its API key from the environment variable {variable}, which is not set")
            : key.Secret;
    }
}
