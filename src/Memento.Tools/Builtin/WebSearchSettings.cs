using Memento.Core;
using Memento.Core.Config;
using Memento.Tools.Http;

namespace Memento.Tools.Builtin;

/// <summary><c>tools.web_search</c>: which backend, where, the environment variable holding a hosted API's key,
/// re-ranking, and the HTTP limits.</summary>
internal sealed record WebSearchSettings(string Backend, string? BaseUrl, string ApiKeyEnv, bool Rerank, HttpSettings Http)
{
    public static readonly string[] Backends = ["searxng", "brave", "serper", "tavily"];

    public static WebSearchSettings Bind(ConfigNode s)
    {
        var backend = s.Choice("backend", "searxng", "search engine API: searxng (self-hosted), brave, serper or tavily", Backends);
        var settings = new WebSearchSettings(
            backend,
            s.OptionalString("base_url", "the engine's URL (required for searxng; the hosted APIs default to their public endpoints)"),
            s.EnvironmentVariableName("api_key_env", backend.ToUpperInvariant() + "_API_KEY", "environment variable holding the hosted API's key (never the key itself)"),
            s.Bool("rerank", true, "re-order results by TF-IDF similarity to the query (asks the engine for twice as many)"),
            HttpSettingsBinder.Bind(s, new HttpSettings(TimeoutS: 20, MaxRetries: 2, RetryDelayS: 1, RequestsPerMinute: 60)));
        if (settings.BaseUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
            throw MementoException.BadValue(s.Full("base_url"), url, "an http(s) URL");
        return settings;
    }

    /// <summary>Checked only when web_search is listed: SearxNG has no public endpoint to default to.</summary>
    public static void Check(object bound)
    {
        if (bound is WebSearchSettings { Backend: "searxng", BaseUrl: null })
            throw MementoException.BadValue("tools.web_search.base_url", "", "the URL of a SearxNG instance with the json format enabled (backend searxng)");
    }
}
