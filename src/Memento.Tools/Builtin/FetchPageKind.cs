using System.Net;
using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Plugins;
using Memento.Tools.Http;
using Memento.Tools.Web;

namespace Memento.Tools.Builtin;

/// <summary>The <c>fetch_page</c> registration: <see cref="FetchSettings"/> and the HTTP limits, one tool per run.</summary>
internal static class FetchPageKind
{
    public static readonly BuiltinToolKind Kind = new("fetch_page", "reads a web page or PDF as Markdown (public addresses only by default)", false,
        PluginSettings.In("fetch_page", Bind), Create);

    /// <summary>The page limits and the HTTP limits, read together from <c>tools.fetch_page</c>.</summary>
    public sealed record Settings(FetchSettings Fetch, HttpSettings Http);

    private static Settings Bind(ConfigNode s)
    {
        var d = new FetchSettings();
        var allowed = s.StringList("allow_addresses", [], "single IP addresses let through although private or loopback (e.g. a local SearxNG)");
        foreach (var address in allowed)
            if (!IPAddress.TryParse(address, out _)) throw MementoException.BadValue(s.Full("allow_addresses"), address, "IP addresses");
        var fetch = new FetchSettings(
            s.Bool("allow_private", d.AllowPrivate, "let loopback, private (RFC 1918, CGNAT, fc00::/7) and link-local addresses through (off: a model cannot reach the host or its metadata service)"),
            s.Int("max_bytes", d.MaxBytes, "bytes of a body read at most; the rest is not downloaded", 1024, 500_000_000),
            s.Int("max_redirects", d.MaxRedirects, "redirects followed, each target re-checked", 0, 20),
            s.Int("max_tokens", d.MaxTokens, "tokens of page text given to the model", 64, 1_000_000),
            s.Int("chunk_tokens", d.ChunkTokens, "passage size when a query picks the relevant parts of a long page", 16, 100_000),
            allowed);
        return new Settings(fetch, HttpSettingsBinder.Bind(s, new HttpSettings(TimeoutS: 20, MaxRetries: 1, RetryDelayS: 1, RequestsPerMinute: 0)));
    }

    private static Func<ToolScope?, ITool> Create(KindSettings settings)
    {
        var s = settings.Get<Settings>();
        var tool = new FetchPageTool(s.Fetch, s.Http);
        return _ => tool;
    }
}
