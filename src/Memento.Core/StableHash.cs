namespace Memento.Core;

/// <summary>FNV-1a over UTF-16 code units: a hash that is the same in every process (string.GetHashCode is not),
/// used to derive per-episode random seeds and hidden task attributes.</summary>
public static class StableHash
{
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in text) hash = (hash ^ ch) * 1099511628211UL;
        return hash;
    }

    public static int Seed(params object[] parts) => (int)(Of(string.Join('\u001f', parts)) & 0x7FFFFFFF);

    /// <summary>A stable number in [0, 1).</summary>
    public static double Unit(string text) => (Of(text) >> 11) * (1.0 / (1UL << 53));
}
