using Memento.Core;
using Memento.Core.Plugins;
using Memento.Llm;
using Memento.Tools.Http;
using Memento.Tools.Web;

namespace Memento.Tools.Builtin;

/// <summary>The <c>web_search</c> registration: settings in <see cref="WebSearchSettings"/>, one tool per run.</summary>
internal static class WebSearchKind
{
    public static readonly BuiltinToolKind Kind = new("web_search", "web search through SearxNG, Brave, Serper or Tavily", false,
        PluginSettings.In("web_search", WebSearchSettings.Bind) with { WhenSelected = WebSearchSettings.Check }, Create)
    {
        Probe = """{"query": "memento", "max_results": 1}""",
    };

    private static Func<ToolScope?, ITool> Create(object settings, ToolServices services)
    {
        var s = (WebSearchSettings)settings;
        var url = s.BaseUrl is null ? null : new Uri(s.BaseUrl.EndsWith('/') ? s.BaseUrl : s.BaseUrl + "/");
        SearchBackend backend = s.Backend switch
        {
            "searxng" => new SearxngBackend(url!),
            "brave" => new BraveBackend(url ?? BraveBackend.DefaultUrl, Key(s)),
            "serper" => new SerperBackend(url ?? SerperBackend.DefaultUrl, Key(s)),
            _ => new TavilyBackend(url ?? TavilyBackend.DefaultUrl, Key(s)),
        };
        var tool = new WebSearchTool(backend, s.Http, s.Rerank ? services.Ranker : null);
        return _ => tool;
    }

    private static string Key(WebSearchSettings s)
    {
        var key = ApiKey.FromEnvironment(s.ApiKeyEnv);
        return key.IsMissing
            ? throw new MementoException($"config: tools.web_search.backend '{s.Backend}' reads its API key from the environment variable {s.ApiKeyEnv}, which is not set")
            : key.Secret;
    }
}
