using Memento.Cli.Commands;
using Memento.Cli.Running;
using Memento.Core.Config;
using Memento.Core.Plugins;
using Memento.Llm;
using NUnit.Framework;

namespace Memento.Tests.Cli;

public class RegistryTests
{
    private static LoadedConfig Bind(string yaml) => ConfigLoader.FromTree(Plugins.All, YamlTree.Parse(yaml, "test"));

    private static IEnumerable<string> Selecting<T>(KindList<T> kinds, Func<string, string> yaml) where T : IPluginKind =>
        kinds.Names.Select(yaml);

    /// <summary>Each registered kind, selected with nothing else set (plus the one path a reader or replay needs).</summary>
    private static IEnumerable<TestCaseData> EveryKind() =>
        Selecting(Plugins.All.Policies, n => $"memory: {{policy: {n}}}")
            .Concat(Selecting(Plugins.All.Encoders, n => $"memory: {{encoder: {{kind: {n}}}}}"))
            .Concat(Selecting(Plugins.All.Agents, n => $"agent: {{kind: {n}, replay_path: r.jsonl}}"))
            .Concat(Selecting(Plugins.All.Judges, n => $"judge: {{kind: {n}}}"))
            .Concat(Selecting(Plugins.All.Datasets, n => $"dataset: {{kind: {n}, path: d.jsonl}}"))
            .Select(yaml => new TestCaseData(yaml).SetArgDisplayNames(yaml));

    [TestCaseSource(nameof(EveryKind))]
    public void Every_registered_kind_binds_with_its_defaults(string yaml)
    {
        var config = Bind(yaml).Config;
        Assert.That(config.Memory.Settings.Get<Memento.Learning.QNetConfig>().Shortlist, Is.EqualTo(16));
        Assert.That(config.Memory.Settings.Get<Memento.Learning.KernelConfig>().Shortlist, Is.EqualTo(16));
        Assert.That(config.Agent.Settings.Get<LlmAgentConfig>().MaxRetries, Is.EqualTo(6));
        Assert.That(config.Judge.Settings.Get<LlmJudgeConfig>().HttpRetries, Is.EqualTo(6));
    }

    [Test]
    public void Kinds_declare_unique_names_and_a_doc_line()
    {
        IEnumerable<IPluginKind> all = [.. Plugins.All.Policies.All, .. Plugins.All.Agents.All, .. Plugins.All.Judges.All,
            .. Plugins.All.Encoders.All, .. Plugins.All.Datasets.All];
        Assert.That(all.Select(k => k.Doc), Has.All.Not.Empty);
    }

    [Test]
    public async Task Config_keys_lists_every_kind_and_every_key_each_kind_reads()
    {
        var (exit, output, _) = await CliRunner.RunAsync("config", "--keys");
        Assert.That(exit, Is.EqualTo(0));
        IEnumerable<IPluginKind> kinds = [.. Plugins.All.Policies.All, .. Plugins.All.Agents.All, .. Plugins.All.Judges.All,
            .. Plugins.All.Encoders.All, .. Plugins.All.Datasets.All];
        foreach (var kind in kinds)
        {
            Assert.That(output, Does.Contain($"| `{kind.Name}` |"), kind.Name);
            if (kind.Settings is not { } settings) continue;
            // What the kind's own binder reads, on its own: every one of those keys must be in the reference.
            var node = new ConfigNode(settings.Section ?? "", new Dictionary<string, object?>());
            settings.Bind(node);
            foreach (var key in node.KeyList.All)
                Assert.That(output, Does.Contain($"`{key.Path}`").Or.Contain($".{key.Path}`"), $"{kind.Name}: {key.Path}");
        }
        foreach (var key in ConfigLoader.Keys(Plugins.All))
            Assert.That(output, Does.Contain($"| `{key.Path}` |").And.Contain(key.Doc.Replace("|", "\\|")), key.Path);
        foreach (var key in new[] { "agent.max_tool_calls", "agent.timeout_s", "agent.max_context_tokens", "agent.max_tool_result_tokens",
                     "agent.max_retries", "agent.retry_delay_s", "judge.timeout_s", "judge.http_retries", "memory.kernel.shortlist" })
            Assert.That(output, Does.Contain($"| `{key}` |"), key);
    }

    [Test]
    public async Task The_docs_key_reference_is_the_output_of_config_keys()
    {
        var (_, output, _) = await CliRunner.RunAsync("config", "--keys");
        var reference = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "reference", "config.md"));
        Assert.That(reference.ReplaceLineEndings("\n"), Does.Contain(output.ReplaceLineEndings("\n")),
            "docs/reference/config.md's key reference is stale: paste the output of `memento config --keys` there");
    }

    [TestCaseSource(nameof(Configs))]
    public async Task Memento_config_prints_a_resolved_config_that_round_trips(string config)
    {
        var (exit, output, err) = await CliRunner.RunAsync("config", Path.Combine(TestPaths.RepoRoot, config));
        Assert.That(exit, Is.EqualTo(0), err);
        Assert.That(output, Does.Not.Contain("&o").And.Not.Contain("*o"), "no YAML anchors or aliases");
        Assert.That(Bind(output).ResolvedYaml, Is.EqualTo(output));
    }

    private static IEnumerable<string> Configs() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "configs"), "*.yaml", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(TestPaths.RepoRoot, p)).Order();

    [Test]
    public void The_judge_retries_http_requests_by_its_own_keys()
    {
        var config = Bind("agent: {max_retries: 1, retry_delay_s: 9}\njudge: {kind: llm, http_retries: 3, retry_delay_s: 0.5}").Config;
        var judge = config.Judge.Settings.Get<LlmJudgeConfig>();
        Assert.That((judge.HttpRetries, judge.RetryDelayS), Is.EqualTo((3, 0.5)));
        Assert.That(config.Agent.Settings.Get<LlmAgentConfig>().MaxRetries, Is.EqualTo(1));
    }

    [Test]
    public void A_resume_accepts_a_key_added_since_the_folder_was_started_only_at_its_default()
    {
        var folder = TestPaths.TempDir();
        var old = YamlTree.Parse(Bind("name: t").ResolvedYaml, "old");
        ((Dictionary<string, object?>)old["judge"]!).Remove("http_retries");
        File.WriteAllText(Path.Combine(folder, "config.yaml"), YamlTree.Serialize(old));
        Assert.DoesNotThrow(() => ResumeCheck.EnsureSameConfig(folder, Bind("name: t").ResolvedYaml));
        var e = Assert.Throws<Memento.Core.MementoException>(() => ResumeCheck.EnsureSameConfig(folder, Bind("name: t\njudge: {http_retries: 3}").ResolvedYaml))!;
        Assert.That(e.Message, Does.Contain("'judge.http_retries' differs"));
    }
}
