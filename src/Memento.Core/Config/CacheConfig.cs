namespace Memento.Core.Config;

/// <summary>The SQLite response cache under every LLM client (<c>cache.path</c>, <c>cache.mode</c>). A response served
/// from the cache counts its tokens; runs record both what they spent (hits free) and what hits would have cost.</summary>
public sealed record CacheConfig(string? Path, string Mode)
{
    public static readonly string[] Modes = ["read-write", "read-only", "off"];
    public static readonly CacheConfig Off = new(null, "off");

    internal static CacheConfig Bind(ConfigNode cn)
    {
        if (cn.Has("charge_hits"))
            throw new MementoException(
                $"config: {cn.Full("charge_hits")} is no longer a key: every run now records and prints both costs — what it spent " +
                "(cache hits free, cost_usd) and what it costs with cache hits priced as if sent (cost_with_hits_usd); delete the key");
        var cache = new CacheConfig(
            cn.OptionalString("path", "SQLite file caching LLM responses and tool results (none: no cache)"),
            cn.Choice("mode", "read-write", "read-write stores new responses; read-only serves only cached ones (a miss is an error); off bypasses the cache", CacheConfig.Modes));
        cn.EnsureAllKeysKnown();
        if (cache.Mode == "read-only" && cache.Path is null)
            throw MementoException.BadValue("cache.path", "", "a cache file for cache.mode 'read-only'");
        return cache;
    }
}
