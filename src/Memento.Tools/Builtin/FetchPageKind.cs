using System.Net;
using Memento.Core;
using Memento.Core.Config;
using Memento.Tools.Http;
using Memento.Tools.Web;

namespace Memento.Tools.Builtin;

/// <summary><c>tools.fetch_page</c>: <c>allow_private</c> (false), <c>allow_addresses</c> (single IPs let through),
/// <c>max_bytes</c>, <c>max_redirects</c>, <c>max_tokens</c>, <c>chunk_tokens</c> and the HTTP keys.</summary>
public static class FetchPageKind
{
    public static readonly BuiltinToolKind Kind = new("fetch_page", "reads a web page or PDF as Markdown (public addresses only by default)", false, Bind);

    private static Func<ToolScope?, ITool> Bind(ConfigNode s)
    {
        var defaults = new FetchSettings();
        var allowed = s.StringList("allow_addresses", []);
        foreach (var address in allowed)
            if (!IPAddress.TryParse(address, out _)) throw MementoException.BadValue(s.Path + ".allow_addresses", address, "IP addresses");
        var settings = new FetchSettings(
            s.Bool("allow_private", defaults.AllowPrivate),
            s.Int("max_bytes", defaults.MaxBytes, 1024, 500_000_000),
            s.Int("max_redirects", defaults.MaxRedirects, 0, 20),
            s.Int("max_tokens", defaults.MaxTokens, 64, 1_000_000),
            s.Int("chunk_tokens", defaults.ChunkTokens, 16, 100_000),
            allowed);
        var http = HttpSettingsBinder.Bind(s, new HttpSettings(TimeoutS: 20, MaxRetries: 1, RetryDelayS: 1, RequestsPerMinute: 0));
        s.EnsureAllKeysKnown();
        var tool = new FetchPageTool(settings, http);
        return _ => tool;
    }
}
