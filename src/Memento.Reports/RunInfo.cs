using Memento.Core.Results;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Memento.Reports;

/// <summary>The few facts the reports need from a run's (or a sweep's) <c>config.yaml</c>: the name for titles and the
/// values the paper tables branch on. Null where the file does not say.</summary>
internal sealed record RunInfo(string Name, string? Policy, int? K, string? Seed, bool Frozen, string? SeedBank, int Attempts)
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build();

    /// <summary>Reads the stored config into a small typed view instead of binding it: a report must still render for
    /// runs written by older or newer versions whose configs no longer validate, or that have none.</summary>
    public static RunInfo Read(string runDir)
    {
        var path = new RunFolder(runDir).Config;
        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(runDir));
        Stored? stored = null;
        if (File.Exists(path))
        {
            try { stored = Yaml.Deserialize<Stored>(File.ReadAllText(path)); }
            catch (YamlException) { /* a config this version cannot read: the report goes on without its facts */ }
        }
        return new RunInfo(stored?.Name ?? folderName, stored?.Memory?.Policy, stored?.Memory?.K, stored?.Seed,
            stored?.Memory?.Frozen ?? false, stored?.Memory?.SeedBank, stored?.Schedule?.Attempts ?? 1);
    }

    /// <summary>The policy for titles and legends, "?" when unknown.</summary>
    public string PolicyLabel => Policy ?? "?";

    /// <summary>A report title's part: the policy and K, "?" where unknown.</summary>
    public string PolicyAndK => $"policy {PolicyLabel}, k = {K?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";

    private sealed class Stored
    {
        public string? Name { get; set; }
        public string? Seed { get; set; }
        public StoredMemory? Memory { get; set; }
        public StoredSchedule? Schedule { get; set; }
    }

    private sealed class StoredMemory
    {
        public string? Policy { get; set; }
        public int? K { get; set; }
        public bool? Frozen { get; set; }
        public string? SeedBank { get; set; }
    }

    private sealed class StoredSchedule
    {
        public int? Attempts { get; set; }
    }
}
