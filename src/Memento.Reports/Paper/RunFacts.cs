using Memento.Core.Results;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Memento.Reports;

/// <summary>What the ablation, HLE and trajectory tables need from a run's <c>config.yaml</c> beyond <see cref="RunInfo"/>:
/// the agent's kind and mode and the judge's kind (null where the file does not say).</summary>
internal sealed record RunFacts(string? AgentKind, string? AgentMode, string? JudgeKind)
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build();

    public static RunFacts Read(string runDir)
    {
        var path = new RunFolder(runDir).Config;
        Stored? stored = null;
        if (File.Exists(path))
        {
            try { stored = Yaml.Deserialize<Stored>(File.ReadAllText(path)); }
            catch (YamlException) { /* a config this version cannot read: no facts */ }
        }
        return new RunFacts(stored?.Agent?.Kind, stored?.Agent?.Mode, stored?.Judge?.Kind);
    }

    private sealed class Stored
    {
        public Kinded? Agent { get; set; }
        public Kinded? Judge { get; set; }
    }

    private sealed class Kinded
    {
        public string? Kind { get; set; }
        public string? Mode { get; set; }
    }
}
