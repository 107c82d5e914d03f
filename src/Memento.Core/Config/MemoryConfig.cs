using Memento.Core.Plugins;

namespace Memento.Core.Config;

/// <summary>The case memory: the read policy and encoder kinds, K, whether the bank grows, and the bound settings of
/// every policy (<see cref="Settings"/>) and encoder (<see cref="EncoderSettings"/>) kind.</summary>
/// <param name="SeedBankOverlap">What a seed bank holding questions of the evaluated tasks does: warn, error or ignore.</param>
public sealed record MemoryConfig(
    string Policy, int K, string Encoder, bool Frozen, string? SeedBank, KindSettings Settings, KindSettings EncoderSettings,
    string SeedBankOverlap = "warn")
{
    public static readonly string[] OverlapActions = ["warn", "error", "ignore"];
}
