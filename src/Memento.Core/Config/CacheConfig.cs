namespace Memento.Core.Config;

/// <summary>The SQLite response cache under every LLM client (<c>cache.path</c>, <c>cache.mode</c>). A response served
/// from the cache counts its tokens; it costs nothing unless <see cref="ChargeHits"/> prices it as if it were requested.</summary>
public sealed record CacheConfig(string? Path, string Mode, bool ChargeHits = false)
{
    public static readonly string[] Modes = ["read-write", "read-only", "off"];
    public static readonly CacheConfig Off = new(null, "off");

    internal static CacheConfig Bind(ConfigNode cn)
    {
        var cache = new CacheConfig(
            cn.OptionalString("path", "SQLite file caching LLM responses and tool results (none: no cache)"),
            cn.Choice("mode", "read-write", "read-write stores new responses; read-only serves only cached ones (a miss is an error); off bypasses the cache", CacheConfig.Modes),
            cn.Bool("charge_hits", false, "price cache hits as if they were requested (cost reports)"));
        cn.EnsureAllKeysKnown();
        if (cache.Mode == "read-only" && cache.Path is null)
            throw MementoException.BadValue("cache.path", "", "a cache file for cache.mode 'read-only'");
        return cache;
    }
}
